// kg query page: runs SPARQL against this server's /query endpoint and shows the results.
// No libraries and no network access beyond this server (the page works offline).
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const queryBox = $("query");
  const named = $("named");
  const runButton = $("run");
  const csvButton = $("csv");
  const statusLine = $("status");
  const errorBox = $("error");
  const results = $("results");
  const paramsBox = $("params");
  const exampleText = queryBox.value;
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMERIC = new Set(["integer", "decimal", "double", "float", "long", "int", "short",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedInt", "unsignedLong", "byte", "unsignedByte", "unsignedShort"]);

  let prefixes = {};
  let queries = [];
  let lastTable = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function abbreviate(iri) {
    let best = null;
    for (const [prefix, ns] of Object.entries(prefixes)) {
      if (iri.startsWith(ns) && (!best || ns.length > best[1].length)) best = [prefix, ns];
    }
    if (!best) return iri;
    const local = iri.slice(best[1].length);
    return /^[\w.\-]*$/.test(local) ? `${best[0]}:${local}` : iri;
  }

  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      td.append(el("span", { class: "iri", title: term.value }, abbreviate(term.value)));
    } else if (term.type === "bnode") {
      td.append(el("span", { class: "bnode" }, `_:${term.value}`));
    } else {
      td.append(term.value);
      if (term.value.length > 40) td.classList.add("long");
      const dt = term.datatype || "";
      if (dt.startsWith(XSD) && NUMERIC.has(dt.slice(XSD.length))) td.classList.add("num");
      if (term["xml:lang"]) td.append(el("span", { class: "tag" }, `@${term["xml:lang"]}`));
      else if (dt && dt !== XSD + "string" && !td.classList.contains("num")) {
        td.append(el("span", { class: "tag", title: dt }, abbreviate(dt)));
      }
    }
    return td;
  }

  function plain(term) {
    return term ? term.value : "";
  }

  function showTable(data) {
    const vars = data.head.vars || [];
    const rows = data.results.bindings || [];
    const thead = el("thead", {}, el("tr", {}, el("th", { class: "n" }, "#"),
      ...vars.map((v) => el("th", {}, v))));
    const tbody = el("tbody");
    rows.forEach((row, i) => {
      tbody.append(el("tr", {}, el("td", { class: "n" }, i + 1), ...vars.map((v) => cell(row[v]))));
    });
    results.replaceChildren(el("table", { id: "result-table" }, thead, tbody));
    lastTable = { vars, rows: rows.map((row) => vars.map((v) => plain(row[v]))) };
    csvButton.disabled = false;
    return `${rows.length} row${rows.length === 1 ? "" : "s"}`;
  }

  function csvText(table) {
    const quote = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    return [table.vars, ...table.rows].map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
  }

  // The query and its parameters. Parameters are sent apart from the text (param.NAME) and the
  // server binds them as RDF terms of the kinds the query's "# @param" header declares: their
  // text never becomes part of the query.
  function boundQuery() {
    const text = queryBox.value;
    const form = new URLSearchParams();
    form.append("query", text);
    const bound = [];
    for (const input of paramsBox.querySelectorAll("input")) {
      const raw = input.value.trim();
      // Bind only while the text still declares the parameter (not after it was replaced).
      if (!raw || !new RegExp(`@param\\s+${input.name}\\b`).test(text)) continue;
      form.append(`param.${input.name}`, raw);
      bound.push(`${input.name} = ${raw}`);
    }
    return { form, bound };
  }

  async function run() {
    errorBox.hidden = true;
    const prepared = boundQuery();
    runButton.disabled = true;
    statusLine.textContent = "Running…";
    const started = performance.now();
    try {
      const response = await fetch("/query", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.5",
        },
        body: prepared.form.toString(),
      });
      const body = await response.text();
      const ms = Math.round(performance.now() - started);
      if (!response.ok) {
        results.replaceChildren();
        csvButton.disabled = true;
        errorBox.textContent = `${response.status} ${response.statusText}\n${body.trim()}`;
        errorBox.hidden = false;
        statusLine.textContent = `Failed after ${ms} ms`;
        return;
      }
      let summary;
      if ((response.headers.get("Content-Type") || "").includes("json")) {
        const data = JSON.parse(body);
        if ("boolean" in data) {
          results.replaceChildren(el("p", { class: "ask" }, `ASK: ${data.boolean}`));
          csvButton.disabled = true;
          summary = String(data.boolean);
        } else {
          summary = showTable(data);
        }
      } else {
        results.replaceChildren(el("pre", { class: "graph" }, body));
        csvButton.disabled = true;
        summary = "graph result";
      }
      const bound = prepared.bound.length ? ` · ${prepared.bound.join(", ")}` : "";
      statusLine.textContent = `${summary} · ${ms} ms${bound}`;
    } catch (e) {
      errorBox.textContent = `The server did not answer: ${e.message}`;
      errorBox.hidden = false;
      statusLine.textContent = "";
    } finally {
      runButton.disabled = false;
    }
  }

  function choose() {
    const q = queries.find((x) => x.name === named.value);
    queryBox.value = q ? q.text : exampleText;
    $("named-description").textContent = q ? q.description : "";
    paramsBox.replaceChildren();
    paramsBox.hidden = !(q && q.params.length);
    for (const p of q ? q.params : []) {
      const id = `param-${p.name}`;
      paramsBox.append(el("label", { for: id }, `?${p.name}`),
        el("input", { id, name: p.name, "data-kind": p.kind, placeholder: `${p.kind} (optional)` }),
        el("span", { class: "muted" }, p.description));
    }
  }

  async function load() {
    try {
      const [info, list] = await Promise.all([
        fetch("/info.json").then((r) => r.json()),
        fetch("/queries.json").then((r) => r.json()),
      ]);
      prefixes = info.prefixes;
      queries = list;
      $("info").replaceChildren("Graph ", el("code", {}, info.graph),
        " · read-only SPARQL 1.1 endpoint ", el("code", {}, info.endpoint));
      $("prefixes").textContent = Object.keys(prefixes).map((p) => `${p}:`).join(" ");
      for (const q of queries) {
        named.append(el("option", { value: q.name, title: q.description }, q.name));
      }
      document.body.dataset.ready = "true";
    } catch (e) {
      errorBox.textContent = `Could not load the named queries: ${e.message}`;
      errorBox.hidden = false;
    }
  }

  runButton.addEventListener("click", run);
  named.addEventListener("change", choose);
  csvButton.addEventListener("click", () => {
    if (!lastTable) return;
    const link = el("a", {
      href: URL.createObjectURL(new Blob([csvText(lastTable)], { type: "text/csv" })),
      download: `${named.value || "query"}.csv`,
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  queryBox.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    } else if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      queryBox.setRangeText("  ", queryBox.selectionStart, queryBox.selectionEnd, "end");
    }
  });
  load();
})();
