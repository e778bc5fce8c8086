"""Write the quality rules' packaged triple patterns (``kg/queries/checks/patterns.json``).

Run after editing a rule (``tests/test_rules.py`` fails until then); review the diff:

    python scripts/update_rule_patterns.py
"""

from __future__ import annotations

from kg.resources import checks_dir
from kg.rules import PATTERNS_FILE, patterns_file_text


def main() -> int:
    """Write the file and say where."""
    path = checks_dir() / PATTERNS_FILE
    path.write_text(patterns_file_text(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
