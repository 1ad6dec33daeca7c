// The compare view: 2 to 4 models side by side, named in the URL (?m=spec&m=spec).
"use strict";
(function () {
  const NUMBER = new Intl.NumberFormat("en-US");  // toLocaleString costs 0.1 ms a call
  const data = window.LLMDEX;
  const bySpec = new Map(data.models.map((m) => [m.s, m]));
  const table = document.getElementById("compare");
  const status = document.getElementById("compare-status");
  const input = document.getElementById("add");
  const list = document.getElementById("specs");
  const MAX = 4;
  let specs = new URLSearchParams(location.search).getAll("m").filter((s) => bySpec.has(s));
  specs = specs.slice(0, MAX);

  const ROWS = [
    ["Provider", (m) => m.p],
    ["Model id", (m) => m.i],
    ["Kind", (m) => m.k],
    ["Status", (m) => ({ ga: "generally available", retired: "no longer listed" })[m.st] || m.st],
    ["Context", (m) => NUMBER.format(m.x) + " tokens"],
    ["Max output", (m) => NUMBER.format(m.o) + " tokens"],
    ["Input $/1M", (m) => m.di],
    ["Output $/1M", (m) => m.do],
    ["Capabilities", (m) => m.c.join(", ").replace(/_/g, " ") || "–"],
    ["Input", (m) => m.mi.join(", ")],
    ["Output", (m) => m.mo.join(", ")],
    ["Released", (m) => m.r],
  ];

  function cell(tag, text, attrs) {
    const node = document.createElement(tag);
    node.textContent = text;
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  function render() {
    table.replaceChildren();
    const params = new URLSearchParams();
    for (const spec of specs) params.append("m", spec);
    try {
      history.replaceState(null, "", location.pathname + (specs.length ? "?" + params : ""));
    } catch (error) {
      // file:// in some browsers: the view still works.
    }
    status.textContent = specs.length < 2
      ? "Add " + (2 - specs.length) + " more model(s) to compare."
      : "Comparing " + specs.length + " models.";
    if (!specs.length) return;
    const head = document.createElement("thead");
    const top = document.createElement("tr");
    top.appendChild(cell("th", "", { scope: "col" }));
    for (const spec of specs) {
      const m = bySpec.get(spec);
      const th = cell("th", "", { scope: "col", "data-spec": spec });
      const link = cell("a", m.n, { href: m.u });
      const remove = cell("button", "Remove", { type: "button", "aria-label": "Remove " + spec });
      remove.addEventListener("click", () => { specs = specs.filter((s) => s !== spec); render(); });
      th.append(link, document.createElement("br"), remove);
      top.appendChild(th);
    }
    head.appendChild(top);
    const tbody = document.createElement("tbody");
    for (const [label, read] of ROWS) {
      const tr = document.createElement("tr");
      tr.appendChild(cell("th", label, { scope: "row" }));
      for (const spec of specs) tr.appendChild(cell("td", read(bySpec.get(spec))));
      tbody.appendChild(tr);
    }
    table.append(head, tbody);
  }

  function add() {
    const spec = input.value.trim();
    if (!bySpec.has(spec)) { status.textContent = "No model " + spec + " in this catalog."; return; }
    if (specs.includes(spec)) return;
    if (specs.length >= MAX) { status.textContent = "At most " + MAX + " models."; return; }
    specs.push(spec);
    input.value = "";
    render();
  }

  input.addEventListener("input", () => {
    const q = input.value.trim().toLowerCase();
    list.replaceChildren();
    if (q.length < 2) return;
    let shown = 0;
    for (const m of data.models) {
      if (m.s.toLowerCase().includes(q)) {
        list.appendChild(cell("option", "", { value: m.s }));
        if (++shown >= 20) break;
      }
    }
  });
  input.addEventListener("keydown", (event) => { if (event.key === "Enter") add(); });
  document.getElementById("add-button").addEventListener("click", add);
  render();
})();
