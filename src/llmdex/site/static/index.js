// The index: search as you type, filters, sortable columns, a shareable URL, compare picks.
// Reads window.LLMDEX (data.js); no request leaves the page.
"use strict";
(function () {
  const NUMBER = new Intl.NumberFormat("en-US");  // toLocaleString costs 0.1 ms a call
  const data = window.LLMDEX;
  const models = data.models;
  const form = document.getElementById("filters");
  const body = document.querySelector("#models tbody");
  const count = document.getElementById("count");
  const more = document.getElementById("more");
  const compareLink = document.getElementById("compare-link");
  const FIRST_ROWS = 200;
  const FIELDS = ["q", "provider", "kind", "status", "input_modality", "min_context",
                  "max_input_price", "released_after"];
  const CAPS = Array.from(form.querySelectorAll("fieldset.caps input")).map((box) => box.name);
  const SORTS = {
    name: (m) => m.n.toLowerCase(),
    provider: (m) => m.p,
    context: (m) => m.x,
    input_price: (m) => m.inPrice,
    output_price: (m) => m.outPrice,
    release_date: (m) => m.r,
  };
  const providers = new Set(data.providers);
  const dialects = {};
  for (const [name, pid] of Object.entries(data.dialects)) dialects[name.toLowerCase()] = pid;
  models.forEach((m, index) => {
    m.index = index;
    m.lowId = m.i.toLowerCase();
    m.lowName = m.n.toLowerCase();
    m.lowAliases = m.a.map((a) => a.toLowerCase());
    m.haystack = [m.lowId, m.lowName, m.f.toLowerCase(), m.p, ...m.lowAliases].join(" ");
    m.inPrice = m.pi === null ? null : Number(m.pi);
    m.outPrice = m.po === null ? null : Number(m.po);
  });
  const listed = models.filter((m) => m.st !== "retired").length;
  let sortKey = null;
  let descending = false;
  let showAll = false;
  const chosen = [];

  function tokens(text) {
    const found = /^\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*$/.exec(text);
    if (!found) return null;
    const scale = { "": 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[found[2]];
    return Number(found[1]) * scale;
  }

  function providerOf(name) {
    const key = name.toLowerCase().replace(/_/g, "-");
    if (providers.has(key)) return key;
    return dialects[name.toLowerCase()] || dialects[key] || null;
  }

  // How well a model matches the query: 0 best; -1 no match.
  function rank(m, query) {
    if (!query) return 0;
    let q = query;
    let only = null;
    const split = /^([^:/@\s]+)[:/](.+)$/.exec(q);
    if (split && providerOf(split[1]) && !m.lowId.startsWith(split[1] + "/")) {
      only = providerOf(split[1]);
      q = split[2];
    }
    if (only !== null && m.p !== only) return -1;
    if (m.lowId === q || m.lowAliases.includes(q)) return 0;
    if (m.lowId.startsWith(q) || m.lowAliases.some((a) => a.startsWith(q))) return 1;
    if (m.lowId.includes(q)) return 2;
    if (m.lowAliases.some((a) => a.includes(q))) return 3;
    if (m.lowName.includes(q)) return 4;
    if (m.haystack.includes(q)) return 5;
    const words = q.split(/\s+/).filter(Boolean);
    return words.length > 1 && words.every((w) => m.haystack.includes(w)) ? 6 : -1;
  }

  function state() {
    const values = {};
    for (const name of FIELDS) values[name] = form.elements[name].value.trim();
    values.caps = CAPS.filter((name) => form.elements[name].checked);
    return values;
  }

  function select(s) {
    const query = s.q.toLowerCase();
    const minContext = s.min_context ? tokens(s.min_context) : null;
    const maxPrice = s.max_input_price === "" ? null : Number(s.max_input_price);
    const found = [];
    for (const m of models) {
      if (s.provider && m.p !== s.provider) continue;
      if (s.kind && m.k !== s.kind) continue;
      // Models no longer listed show only when asked for, as catalog() leaves them out.
      if (s.status ? m.st !== s.status : m.st === "retired") continue;
      if (s.input_modality && !m.mi.includes(s.input_modality)) continue;
      if (minContext !== null && m.x < minContext) continue;
      if (maxPrice !== null && !(m.inPrice !== null && m.inPrice <= maxPrice)) continue;
      if (s.released_after && m.r < s.released_after) continue;
      if (s.caps.length && !s.caps.every((c) => m.c.includes(c))) continue;
      const r = rank(m, query);
      if (r < 0) continue;
      found.push({ m: m, r: r });
    }
    if (sortKey) {
      const key = SORTS[sortKey];
      const known = found.filter((x) => key(x.m) !== null);
      const unknown = found.filter((x) => key(x.m) === null);
      const sign = descending ? -1 : 1;
      known.sort((a, b) => {
        const ka = key(a.m);
        const kb = key(b.m);
        return ka < kb ? -sign : ka > kb ? sign : 0;
      });
      return known.concat(unknown).map((x) => x.m);
    }
    if (query) {
      found.sort((a, b) => a.r - b.r || (b.m.m - a.m.m) || a.m.i.length - b.m.i.length
                 || a.m.index - b.m.index);
    }
    return found.map((x) => x.m);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;",
      '"': "&quot;", "'": "&#39;" })[c]);
  }

  function row(m) {
    const picked = chosen.includes(m.s) ? " checked" : "";
    return "<tr data-spec=\"" + escapeHtml(m.s) + "\">"
      + "<td><input type=\"checkbox\" class=\"pick\" aria-label=\"Compare " + escapeHtml(m.s)
      + "\"" + picked + "></td>"
      + "<th scope=\"row\"><a href=\"" + escapeHtml(m.u) + "\">" + escapeHtml(m.n) + "</a>"
      + "<span class=\"id\">" + escapeHtml(m.i) + "</span></th>"
      + "<td>" + escapeHtml(m.p) + "</td>"
      + "<td class=\"num\">" + NUMBER.format(m.x) + "</td>"
      + "<td class=\"num\">" + m.di + "</td>"
      + "<td class=\"num\">" + m.do + "</td>"
      + "<td class=\"date\">" + escapeHtml(m.r) + "</td>"
      + "<td>" + escapeHtml(m.c.join(", ").replace(/_/g, " ")) + "</td></tr>";
  }

  function writeUrl(s) {
    const params = new URLSearchParams();
    for (const name of FIELDS) if (s[name]) params.set(name, s[name]);
    for (const name of s.caps) params.set(name, "1");
    if (sortKey) params.set("sort", sortKey);
    if (descending) params.set("desc", "1");
    const search = params.toString();
    const url = location.pathname + (search ? "?" + search : "");
    try {
      history.replaceState(null, "", url);
    } catch (error) {
      // Some browsers refuse replaceState on file:// pages; the filters still work.
    }
  }

  let drawn = null;

  function run() {
    const started = performance.now();
    const s = state();
    // A text field fires "change" again when it loses focus: nothing to redraw then.
    const key = JSON.stringify([s, sortKey, descending, showAll]);
    if (key === drawn) return;
    drawn = key;
    const found = select(s);
    const shown = showAll ? found : found.slice(0, FIRST_ROWS);
    body.innerHTML = shown.map(row).join("");
    count.textContent = NUMBER.format(found.length)
      + (s.status === "retired" ? " models no longer listed" : " of " + NUMBER.format(listed) + " models")
      + (shown.length < found.length ? " (showing the first " + shown.length + ")" : "");
    more.hidden = shown.length >= found.length;
    for (const th of document.querySelectorAll("#models th button")) {
      const sorted = th.dataset.sort === sortKey;
      th.parentElement.setAttribute("aria-sort",
        sorted ? (descending ? "descending" : "ascending") : "none");
    }
    writeUrl(s);
    window.llmdexResults = found.map((m) => m.s);
    window.llmdexFilterMs = performance.now() - started;
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    for (const name of FIELDS) if (params.has(name)) form.elements[name].value = params.get(name);
    for (const name of CAPS) form.elements[name].checked = params.get(name) === "1";
    sortKey = SORTS[params.get("sort")] ? params.get("sort") : null;
    descending = params.get("desc") === "1";
  }

  function updateCompare() {
    const params = new URLSearchParams();
    for (const spec of chosen) params.append("m", spec);
    compareLink.href = "compare.html" + (chosen.length ? "?" + params.toString() : "");
    compareLink.textContent = "Compare selected (" + chosen.length + ")";
    compareLink.setAttribute("aria-disabled", chosen.length < 2 ? "true" : "false");
  }

  form.addEventListener("input", () => { showAll = false; run(); });
  form.addEventListener("change", () => { showAll = false; run(); });
  more.addEventListener("click", () => { showAll = true; run(); });
  for (const button of document.querySelectorAll("#models th button")) {
    button.addEventListener("click", () => {
      if (sortKey === button.dataset.sort) descending = !descending;
      else { sortKey = button.dataset.sort; descending = false; }
      run();
    });
  }
  body.addEventListener("change", (event) => {
    const box = event.target;
    if (!box.classList.contains("pick")) return;
    const spec = box.closest("tr").dataset.spec;
    const at = chosen.indexOf(spec);
    if (box.checked && at < 0) {
      if (chosen.length >= 4) { box.checked = false; return; }
      chosen.push(spec);
    } else if (!box.checked && at >= 0) {
      chosen.splice(at, 1);
    }
    updateCompare();
  });
  readUrl();
  run();
  window.llmdexReady = performance.now();
})();
