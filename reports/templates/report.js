/* annolint HTML report: client-side views over the embedded JSON data.
 *
 * Security rule of this file: corpus text only ever reaches the page through
 * textContent, text nodes, attribute values set with setAttribute on attribute names
 * chosen here, or CSSOM properties. No innerHTML, no insertAdjacentHTML, no eval, and
 * links only to in-page anchors ("#...").
 */
(function () {
  'use strict';
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var tParsed = performance.now();
  var SEV = D.severities, RULES = D.rules, LABELS = D.labels, FILES = D.files,
      S = D.strings, F = D.findings, EVID = D.evidence, GROUPS = D.consistency;
  // Columns of a finding row (see build_data in html.py).
  var R = 0, SV = 1, FI = 2, LN = 3, CO = 4, ELN = 5, ECO = 6, MSG = 7, SPAN = 8, LAB = 9,
      SCORE = 10, EV = 11;
  var PAGE_SIZES = [50, 100, 250, 1000];
  var ruleByCode = {};
  RULES.forEach(function (rule, i) { ruleByCode[rule.code] = i; });
  var groupOfFinding = {};
  GROUPS.forEach(function (group, gi) {
    group.findings.forEach(function (fno) { groupOfFinding[fno] = gi; });
  });

  // ------------------------------------------------------------------ DOM helpers
  function safeHref(value) {
    return typeof value === 'string' && value.charAt(0) === '#' ? value : '#';
  }
  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === null || value === undefined || value === false) return;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key === 'href') node.setAttribute('href', safeHref(value));
        else if (key === 'style') Object.keys(value).forEach(function (k) { node.style[k] = value[k]; });
        else if (key.slice(0, 2) === 'on') node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, String(value));
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var kid = arguments[i];
      if (kid === null || kid === undefined || kid === false) continue;
      node.appendChild(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function $(id) { return document.getElementById(id); }
  function fmt(n) { return Number(n).toLocaleString('en-US'); }
  function colour(label) { return D.colours[label] || '#e4e7d2'; }
  function chip(label) {
    if (!label) return el('span', {class: 'chip none', text: 'not annotated'});
    return el('span', {class: 'chip', text: label, style: {backgroundColor: colour(label)}});
  }
  // A path that may wrap only after a "/", never inside a file name or "name:line:col".
  function pathParts(text) {
    var frag = document.createDocumentFragment(), parts = String(text).split('/');
    parts.forEach(function (part, i) {
      frag.appendChild(el('span', {class: 'seg', text: part + (i < parts.length - 1 ? '/' : '')}));
      if (i < parts.length - 1) frag.appendChild(document.createElement('wbr'));
    });
    return frag;
  }
  function sevPill(sev) { return el('span', {class: 'sev sev-' + SEV[sev], text: SEV[sev]}); }
  function path(fi) { return FILES[fi][0]; }
  function docHref(fno) {
    var f = F[fno];
    return '#doc/' + f[FI] + '/' + f[LN] + '/' + fno;
  }

  // "path:line[:col]" mentions of report files become links to the document view.
  var fileByPath = {};
  FILES.forEach(function (file, fi) { fileByPath[file[0]] = fi; });
  var LOCATION = /([^\s,;:()'"]+):(\d+)(?::(\d+))?/g;
  function linkify(text) {
    var frag = document.createDocumentFragment(), last = 0, match;
    LOCATION.lastIndex = 0;
    while ((match = LOCATION.exec(text)) !== null) {
      var fi = fileByPath[match[1]];
      if (fi === undefined) continue;
      frag.appendChild(document.createTextNode(text.slice(last, match.index)));
      frag.appendChild(el('a', {href: '#doc/' + fi + '/' + match[2], text: match[0], onclick: function (event) { event.stopPropagation(); }}));
      last = match.index + match[0].length;
    }
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }
  function fileLink(text) {
    if (fileByPath[text] !== undefined) return el('a', {href: '#doc/' + fileByPath[text], text: text});
    return linkify(text);
  }

  // Generic, readable rendering of any evidence value. Keys read as labels: the known ones
  // from a table, any other snake_case key with spaces and a capital ("cable_date" ->
  // "Cable date"); keys that are not identifiers (corpus strings) stay as they are.
  var EVIDENCE_NAMES = {
    labels: 'Labels in the corpus', this_document: 'In this document', suggested: 'Suggested label',
    other_documents: 'Other documents', examples: 'Examples', signals: 'Signals',
    annotated: 'Annotated', unannotated: 'Not annotated', document: 'This document',
    corpus: 'Corpus', context: 'Context', label_set: 'Label set', href: 'Link', id: 'Id',
    decl: 'Declassification', portions: 'Portion marks', highest_portion: 'Highest portion mark'
  };
  function evidenceName(key) {
    if (Object.prototype.hasOwnProperty.call(EVIDENCE_NAMES, key)) return EVIDENCE_NAMES[key];
    if (!/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(key)) return key;
    var words = key.replace(/_/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  function isCountMap(value) {
    var keys = Object.keys(value);
    return keys.length > 0 && keys.every(function (k) { return typeof value[k] === 'number'; });
  }
  function renderValue(value, depth) {
    depth = depth || 0;
    if (value === null || value === undefined) return el('span', {class: 'muted', text: '—'});
    if (Array.isArray(value)) {
      if (!value.length) return el('span', {class: 'muted', text: '—'});
      var simple = value.every(function (v) { return v === null || typeof v !== 'object'; });
      var shown = value.slice(0, 20);
      var more = value.length > shown.length ? ' … and ' + fmt(value.length - shown.length) + ' more' : '';
      if (simple) {
        var line = el('span');
        shown.forEach(function (v, i) { if (i) line.appendChild(document.createTextNode(', ')); line.appendChild(fileLink(String(v))); });
        if (more) line.appendChild(document.createTextNode(more));
        return line;
      }
      var list = el('ul');
      shown.forEach(function (v) { list.appendChild(el('li', null, renderValue(v, depth + 1))); });
      if (more) list.appendChild(el('li', {class: 'muted', text: more.trim()}));
      return list;
    }
    if (typeof value === 'object') {
      if (!Object.keys(value).length) return el('span', {class: 'muted', text: '—'});
      if (isCountMap(value)) {
        var dist = el('span', {class: 'dist'});
        Object.keys(value).sort(function (a, b) { return value[b] - value[a]; }).forEach(function (k) {
          var c = el('span', {class: 'chip', text: k + ' ' + fmt(value[k])});
          if (LABELS.indexOf(k) >= 0) c.style.backgroundColor = colour(k);
          dist.appendChild(c);
        });
        return dist;
      }
      if (depth > 3) return el('span', {text: JSON.stringify(value)});
      var dl = el('dl');
      Object.keys(value).forEach(function (k) {
        dl.appendChild(el('dt', {text: evidenceName(k), title: k}));
        dl.appendChild(el('dd', null, renderValue(value[k], depth + 1)));
      });
      return dl;
    }
    if (typeof value === 'number') return el('span', {text: Number.isInteger(value) ? fmt(value) : value.toFixed(3)});
    if (typeof value === 'boolean') return el('span', {text: value ? 'yes' : 'no'});
    return el('span', null, fileLink(String(value)));
  }
  function evidenceBlock(fno, open) {
    var ev = F[fno][EV];
    if (ev < 0) return null;
    var details = el('details', {class: 'evidence'}, el('summary', {text: 'evidence'}), renderValue(EVID[ev]));
    if (open) details.open = true;
    return details;
  }
  function examples(rule) {
    var box = el('div');
    [['bad', 'Flagged'], ['good', 'Fine']].forEach(function (pair) {
      if (!rule[pair[0]].length) return;
      var block = el('div', {class: 'examples'}, el('div', {class: 'ex-title ' + pair[0], text: pair[1]}));
      rule[pair[0]].forEach(function (ex) { block.appendChild(el('pre', {class: 'ex ' + pair[0], text: ex})); });
      box.appendChild(block);
    });
    return box;
  }

  // ------------------------------------------------------------------ views and routing
  var views = ['overview', 'findings', 'documents', 'doc', 'consistency', 'rules'];
  function show(view) {
    views.forEach(function (v) { $('view-' + v).hidden = v !== view; });
    var tab = view === 'doc' ? 'documents' : view;
    Array.prototype.forEach.call(document.querySelectorAll('#tabs a'), function (a) {
      a.classList.toggle('active', a.getAttribute('data-view') === tab);
    });
  }
  function route() {
    var hash = location.hash.slice(1), query = '';
    var q = hash.indexOf('?');
    if (q >= 0) { query = hash.slice(q + 1); hash = hash.slice(0, q); }
    try { hash = decodeURIComponent(hash); } catch (error) { hash = ''; }
    var parts = hash.split('/');
    var view = parts[0] || 'overview';
    if (view === 'findings') {
      show('findings');
      if (query) presetFilters(query); else if (filterQuery()) writeFilterHash();
      ensureFindings();
    }
    else if (view === 'documents') { show('documents'); renderDocuments(); }
    else if (view === 'doc') { show('doc'); showDoc(+parts[1], +parts[2] || 0, parts[3] === undefined ? -1 : +parts[3]); }
    else if (view === 'consistency') { show('consistency'); renderConsistency(parts[1] === undefined ? -1 : +parts[1]); }
    else if (view === 'rules') {
      show('rules');
      var target = parts[1] && $('rule-' + parts[1]);
      if (target) target.scrollIntoView();
    } else show('overview');
  }

  // ------------------------------------------------------------------ findings table
  var state = {sev: '', rule: '', label: '', file: '', q: '', sort: '', dir: 1, page: 0, size: 100};
  var current = null, haystack = null, findingsReady = false;
  var perFile = FILES.map(function () { return [0, 0, 0]; });
  F.forEach(function (f) { perFile[f[FI]][f[SV]]++; });

  function option(select, value, text) { select.appendChild(el('option', {value: value, text: text})); }
  function setupFilters() {
    var sevCounts = [0, 0, 0], ruleCounts = {}, labelCounts = {};
    F.forEach(function (f) {
      sevCounts[f[SV]]++;
      ruleCounts[f[R]] = (ruleCounts[f[R]] || 0) + 1;
      if (f[LAB] >= 0) labelCounts[f[LAB]] = (labelCounts[f[LAB]] || 0) + 1;
    });
    SEV.forEach(function (s, i) { option($('f-sev'), String(i), s + ' (' + fmt(sevCounts[i]) + ')'); });
    RULES.forEach(function (rule, i) {
      if (ruleCounts[i]) option($('f-rule'), rule.code, rule.code + ' ' + rule.name + ' (' + fmt(ruleCounts[i]) + ')');
    });
    LABELS.forEach(function (label, i) {
      if (labelCounts[i]) option($('f-label'), label, label + ' (' + fmt(labelCounts[i]) + ')');
    });
    var list = $('f-file-list'), added = 0;
    FILES.forEach(function (file, fi) {
      if (added < 5000 && perFile[fi][0] + perFile[fi][1] + perFile[fi][2]) { list.appendChild(el('option', {value: file[0]})); added++; }
    });
    var timer = null;
    function later() { clearTimeout(timer); timer = setTimeout(update, 120); }
    function update() {
      readFilters();
      filter();
      writeFilterHash();
    }
    ['f-sev', 'f-rule', 'f-label'].forEach(function (id) { $(id).addEventListener('change', update); });
    $('f-file').addEventListener('input', later);
    $('f-text').addEventListener('input', later);
    $('f-reset').addEventListener('click', function () {
      ['f-sev', 'f-rule', 'f-label', 'f-file', 'f-text'].forEach(function (id) { $(id).value = ''; });
      state.sort = ''; update();
    });
    Array.prototype.forEach.call(document.querySelectorAll('#findings-table th[data-sort]'), function (th) {
      th.addEventListener('click', function () {
        var key = th.getAttribute('data-sort');
        state.dir = state.sort === key ? -state.dir : 1;
        state.sort = key;
        filter();
        writeFilterHash();
      });
    });
  }
  // The filters live in the URL (#findings?sev=error&rule=LBL001&q=...&sort=-score), so a
  // filtered view can be bookmarked, shared and restored with the back button.
  var FILTER_FIELDS = [['sev', 'f-sev'], ['rule', 'f-rule'], ['label', 'f-label'], ['file', 'f-file'], ['q', 'f-text']];
  function readFilters() {
    state.sev = $('f-sev').value; state.rule = $('f-rule').value; state.label = $('f-label').value;
    state.file = $('f-file').value.trim(); state.q = $('f-text').value.trim().toLowerCase();
  }
  function presetFilters(query) {
    var params = new URLSearchParams(query);
    FILTER_FIELDS.forEach(function (pair) {
      var value = params.get(pair[0]) || '', field = $(pair[1]);
      if (pair[0] === 'sev' && SEV.indexOf(value) >= 0) value = String(SEV.indexOf(value));
      // a rule or label with no finding (a link from the overview's label chart) still
      // filters: it gets an option, and the table says nothing matches
      if ((pair[0] === 'rule' && ruleByCode[value] !== undefined || pair[0] === 'label' && LABELS.indexOf(value) >= 0) &&
          !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) option(field, value, value + ' (0)');
      field.value = value;
    });
    var sort = params.get('sort') || '';
    state.dir = sort.charAt(0) === '-' ? -1 : 1;
    sort = sort.replace(/^-/, '');
    state.sort = sortKeys[sort] || sort === 'loc' ? sort : '';
    readFilters();
    if (filterQuery() !== lastQuery) findingsReady = false;
  }
  var lastQuery = '';
  function filterQuery() {
    var params = new URLSearchParams();
    FILTER_FIELDS.forEach(function (pair) {
      var value = $(pair[1]).value.trim();
      if (pair[0] === 'sev' && value !== '') value = SEV[+value];
      if (value) params.set(pair[0], value);
    });
    if (state.sort) params.set('sort', (state.dir < 0 ? '-' : '') + state.sort);
    return params.toString();
  }
  function writeFilterHash() {
    var query = filterQuery();
    lastQuery = query;
    var hash = '#findings' + (query ? '?' + query : '');
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }
  function ensureFindings() { if (!findingsReady) { findingsReady = true; lastQuery = filterQuery(); filter(); } }
  function buildHaystack() {
    haystack = new Array(F.length);
    for (var i = 0; i < F.length; i++) {
      var f = F[i];
      haystack[i] = (S[f[MSG]] + '\u0000' + (f[SPAN] >= 0 ? S[f[SPAN]] : '') + '\u0000' + path(f[FI]) +
        '\u0000' + RULES[f[R]].code + ' ' + RULES[f[R]].name).toLowerCase();
    }
  }
  var sortKeys = {
    sev: function (f) { return f[SV]; },
    rule: function (f) { return RULES[f[R]].code; },
    label: function (f) { return f[LAB] >= 0 ? LABELS[f[LAB]] + ' ' + S[f[SPAN]] : '\uffff'; },
    msg: function (f) { return S[f[MSG]]; },
    score: function (f) { return f[SCORE] === null ? -1 : f[SCORE]; }
  };
  function filter() {
    var sev = state.sev === '' ? -1 : +state.sev;
    var rule = state.rule === '' ? -1 : ruleByCode[state.rule];
    var label = state.label === '' ? -1 : LABELS.indexOf(state.label);
    var file = state.file.toLowerCase(), q = state.q;
    if (q && !haystack) buildHaystack();
    var fileOk = null;
    if (file && fileByPath[state.file] !== undefined) fileOk = FILES.map(function (entry) { return entry[0] === state.file; });
    else if (file) fileOk = FILES.map(function (entry) { return entry[0].toLowerCase().indexOf(file) >= 0; });
    var out = [];
    for (var i = 0; i < F.length; i++) {
      var f = F[i];
      if (sev >= 0 && f[SV] !== sev) continue;
      if (rule !== -1 && f[R] !== rule) continue;
      if (label >= 0 && f[LAB] !== label) continue;
      if (fileOk && !fileOk[f[FI]]) continue;
      if (q && haystack[i].indexOf(q) < 0) continue;
      out.push(i);
    }
    if (state.sort && state.sort !== 'loc') {
      var keyOf = sortKeys[state.sort], keys = {};
      out.forEach(function (i) { keys[i] = keyOf(F[i]); });
      var dir = state.dir;
      out.sort(function (a, b) { return keys[a] < keys[b] ? -dir : keys[a] > keys[b] ? dir : a - b; });
    } else if (state.sort === 'loc' && state.dir < 0) out.reverse();
    current = out;
    state.page = 0;
    Array.prototype.forEach.call(document.querySelectorAll('#findings-table th[data-sort]'), function (th) {
      var key = th.getAttribute('data-sort');
      th.classList.toggle('sorted-asc', key === state.sort && state.dir > 0);
      th.classList.toggle('sorted-desc', key === state.sort && state.dir < 0);
    });
    renderTable();
  }
  function pager(node, total, page, size, go) {
    clear(node);
    var pages = Math.max(1, Math.ceil(total / size));
    node.appendChild(el('button', {type: 'button', text: '«', title: 'first page', disabled: page === 0 ? 'disabled' : null, onclick: function () { go(0); }}));
    node.appendChild(el('button', {type: 'button', text: '‹ prev', disabled: page === 0 ? 'disabled' : null, onclick: function () { go(page - 1); }}));
    node.appendChild(el('span', {class: 'muted', text: ' page ' + fmt(page + 1) + ' of ' + fmt(pages) + ' '}));
    node.appendChild(el('button', {type: 'button', text: 'next ›', disabled: page >= pages - 1 ? 'disabled' : null, onclick: function () { go(page + 1); }}));
    node.appendChild(el('button', {type: 'button', text: '»', title: 'last page', disabled: page >= pages - 1 ? 'disabled' : null, onclick: function () { go(pages - 1); }}));
    var select = el('select', {title: 'rows per page', onchange: function () { state.size = +select.value; go(0); }});
    PAGE_SIZES.forEach(function (n) { var o = el('option', {value: n, text: n + ' / page'}); if (n === size) o.selected = true; select.appendChild(o); });
    if (go === goFindings) node.appendChild(select);
  }
  function goFindings(page) { state.page = page; renderTable(); window.scrollTo(0, 0); }
  function findingRow(i) {
    var f = F[i], rule = RULES[f[R]];
    var ent = f[SPAN] >= 0 ? el('td', {class: 'ent'}, f[LAB] >= 0 ? chip(LABELS[f[LAB]]) : null, ' ',
      el('span', {class: 'ent-text', text: S[f[SPAN]]})) : el('td', {class: 'ent muted', text: '—'});
    var msg = el('td', {class: 'msg'}, el('div', null, linkify(S[f[MSG]])), evidenceBlock(i, false));
    if (groupOfFinding[i] !== undefined) {
      msg.appendChild(el('a', {class: 'small', href: '#consistency/' + groupOfFinding[i], text: 'label distribution & all occurrences →'}));
    }
    return el('tr', {'data-finding': i},
      el('td', null, sevPill(f[SV])),
      el('td', {title: rule.name + ': ' + rule.summary}, el('a', {href: '#rules/' + rule.code, text: rule.code}),
        el('div', {class: 'muted small', text: rule.name})),
      el('td', {class: 'loc'}, el('a', {href: docHref(i), title: path(f[FI]) + ':' + f[LN] + ':' + f[CO]}, pathParts(path(f[FI]) + ':' + f[LN] + ':' + f[CO]))),
      ent, msg,
      el('td', {class: 'num', text: f[SCORE] === null ? '' : f[SCORE].toFixed(2)}));
  }
  function renderTable() {
    var body = clear($('findings-body'));
    var start = state.page * state.size, rows = current.slice(start, start + state.size);
    var frag = document.createDocumentFragment();
    rows.forEach(function (i) { frag.appendChild(findingRow(i)); });
    body.appendChild(frag);
    if (!rows.length) body.appendChild(el('tr', null, el('td', {colspan: 6, class: 'empty', text: F.length ? 'No finding matches these filters.' : 'No findings: the corpus is clean for the rules that ran.'})));
    $('f-count').textContent = current.length ? 'Showing ' + fmt(start + 1) + '–' + fmt(start + rows.length) + ' of ' + fmt(current.length) +
      (current.length !== F.length ? ' (filtered from ' + fmt(F.length) + ')' : '') : '0 findings shown';
    pager($('f-pager'), current.length, state.page, state.size, goFindings);
    pager($('f-pager-bottom'), current.length, state.page, state.size, goFindings);
  }

  // ------------------------------------------------------------------ documents list
  var docState = {page: 0, size: 200};
  function renderDocuments() {
    var q = $('d-text').value.trim().toLowerCase(), only = $('d-only').checked;
    var rows = [];
    FILES.forEach(function (file, fi) {
      var c = perFile[fi];
      if (only && !(c[0] + c[1] + c[2])) return;
      if (q && file[0].toLowerCase().indexOf(q) < 0) return;
      rows.push(fi);
    });
    var pages = Math.max(1, Math.ceil(rows.length / docState.size));
    if (docState.page >= pages) docState.page = 0;
    var body = clear($('documents-body')), start = docState.page * docState.size;
    rows.slice(start, start + docState.size).forEach(function (fi) {
      var c = perFile[fi];
      body.appendChild(el('tr', null,
        el('td', {class: 'loc'}, el('a', {href: '#doc/' + fi}, pathParts(FILES[fi][0])), FILES[fi][2] ? null : el('span', {class: 'muted small', text: ' (unreadable)'})),
        el('td', {class: 'num', text: fmt(FILES[fi][1])}),
        el('td', {class: 'num', text: c[0] ? fmt(c[0]) : ''}), el('td', {class: 'num', text: c[1] ? fmt(c[1]) : ''}),
        el('td', {class: 'num', text: c[2] ? fmt(c[2]) : ''})));
    });
    if (!rows.length) body.appendChild(el('tr', null, el('td', {colspan: 5, class: 'empty', text: 'No file matches.'})));
    $('d-count').textContent = fmt(rows.length) + ' file' + (rows.length === 1 ? '' : 's');
    pager($('d-pager'), rows.length, docState.page, docState.size, function (p) { docState.page = p; renderDocuments(); });
  }

  // ------------------------------------------------------------------ document view
  var docCurrent = {fi: -1, order: [], selected: -1};
  function findingPanel(fno) {
    var f = F[fno], rule = RULES[f[R]];
    var side = clear($('doc-side'));
    side.appendChild(el('h3', null, sevPill(f[SV]), ' ', el('a', {href: '#rules/' + rule.code, text: rule.code}), ' ', el('span', {class: 'muted', text: rule.name})));
    side.appendChild(el('div', {class: 'muted small', text: 'line ' + f[LN] + ', column ' + f[CO]}));
    side.appendChild(el('p', null, el('strong', null, linkify(S[f[MSG]]))));
    if (f[SPAN] >= 0) side.appendChild(el('p', null, f[LAB] >= 0 ? chip(LABELS[f[LAB]]) : null, ' ', el('span', {class: 'ent-text', text: S[f[SPAN]]})));
    if (f[SCORE] !== null) side.appendChild(el('p', {class: 'small', text: 'score ' + f[SCORE].toFixed(2)}));
    var ev = evidenceBlock(fno, true);
    if (ev) side.appendChild(ev);
    if (groupOfFinding[fno] !== undefined) side.appendChild(el('p', null, el('a', {href: '#consistency/' + groupOfFinding[fno], text: 'See how this string is labelled everywhere →'})));
    side.appendChild(el('h3', {text: 'Why this matters'}));
    side.appendChild(el('p', {text: rule.summary}));
    side.appendChild(el('p', {class: 'small', text: rule.rationale}));
    side.appendChild(examples(rule));
    side.appendChild(el('p', {class: 'small'}, el('a', {href: '#findings?rule=' + encodeURIComponent(rule.code), text: 'All ' + rule.code + ' findings →'})));
  }
  function selectFinding(fno, scroll) {
    docCurrent.selected = fno;
    findingPanel(fno);
    Array.prototype.forEach.call(document.querySelectorAll('#doc-body .note.active'), function (n) { n.classList.remove('active'); });
    var note = $('note-' + fno);
    if (note) {
      note.classList.add('active');
      if (scroll) note.scrollIntoView({block: 'center'});
    }
  }
  function worst(list) { var s = 2; list.forEach(function (fno) { s = Math.min(s, F[fno][SV]); }); return s; }
  function noteFor(fno) {
    var f = F[fno];
    return el('div', {class: 'note sev-' + SEV[f[SV]], id: 'note-' + fno, onclick: function () { selectFinding(fno, false); }},
      el('span', {class: 'code', text: RULES[f[R]].code}), linkify(S[f[MSG]]));
  }
  function showDoc(fi, line, fno) {
    if (!(fi >= 0 && fi < FILES.length)) { show('overview'); return; }
    var doc = D.docs[String(fi)], body = $('doc-body');
    $('doc-title').textContent = path(fi);
    var counts = perFile[fi];
    $('doc-stats').textContent = fmt(FILES[fi][1]) + ' entities · ' + fmt(counts[0]) + ' errors, ' + fmt(counts[1]) + ' warnings, ' + fmt(counts[2]) + ' info';
    var order = [];
    F.forEach(function (f, i) { if (f[FI] === fi) order.push(i); });
    if (docCurrent.fi !== fi) {
      docCurrent = {fi: fi, order: order, selected: -1};
      clear(body);
      clear($('doc-side')).appendChild(el('p', {class: 'muted', text: 'Click a marked passage or a note to see what is wrong and how to fix it.'}));
      if (doc) renderText(doc, body, order);
      else {
        body.appendChild(el('div', {class: 'omitted muted', text: FILES[fi][2] ? 'The text of this file was left out of the report to keep it small (see doc_budget). Its findings:' : 'This file could not be read as text. Its findings:'}));
        var notes = el('div', {class: 'omitted'});
        order.forEach(function (i) { notes.appendChild(noteFor(i)); });
        body.appendChild(notes);
      }
      renderLegend(doc);
    }
    Array.prototype.forEach.call(body.querySelectorAll('.line.target'), function (n) { n.classList.remove('target'); });
    var target = line ? $('L' + line) : null;
    if (target) { target.classList.add('target'); target.scrollIntoView({block: 'center'}); }
    else window.scrollTo(0, 0);
    if (fno >= 0 && F[fno] && F[fno][FI] === fi) selectFinding(fno, !target);
  }
  function renderLegend(doc) {
    var legend = clear($('doc-legend'));
    if (!doc) return;
    var seen = {};
    for (var k = 4; k < doc.ents.length; k += 5) seen[doc.ents[k]] = (seen[doc.ents[k]] || 0) + 1;
    Object.keys(seen).forEach(function (l) { legend.appendChild(el('span', null, chip(LABELS[l]), ' ' + fmt(seen[l]))); });
  }
  // HTML markup in the text (a cable's <code><pre> wrapper, <a id=...>¶</a> paragraph
  // anchors, tag links) is found as plain text ranges: the tags are hidden unless "show raw
  // markup" is on, the content of an <a id=...> anchor shows as a paragraph mark. Nothing is
  // parsed as HTML: every range stays a text node.
  var MARKUP = /<\/?(?:code|pre)>|<a\s[^<>\n]*>|<\/a>/gi;
  function markupRanges(text) {
    var out = [], open = null, match;
    MARKUP.lastIndex = 0;
    while ((match = MARKUP.exec(text)) !== null) {
      var s = match.index, e = s + match[0].length, tag = match[0].toLowerCase();
      out.push({s: s, e: e, kind: 'tag'});
      if (tag.slice(0, 2) === '<a') open = {s: e, para: /\sid\s*=/.test(tag)};
      else if (tag === '</a>' && open) {
        if (s > open.s) out.push({s: open.s, e: s, kind: open.para ? 'para' : 'link-text'});
        open = null;
      }
    }
    return out.sort(function (a, b) { return a.s - b.s; });
  }
  function renderText(doc, body, order) {
    var text = doc.text, ents = doc.ents, marks = [], tags = markupRanges(text), ti = 0;
    for (var m = 0; m < doc.marks.length; m += 3) marks.push({f: doc.marks[m], s: doc.marks[m + 1], e: doc.marks[m + 2]});
    marks.sort(function (a, b) { return a.s - b.s || a.e - b.e; });
    var frag = document.createDocumentFragment();
    var ei = 0, mi = 0, active = [], lineNo = 0, ls = 0;
    while (ls <= text.length) {
      var nl = text.indexOf('\n', ls), le = nl < 0 ? text.length : nl;
      if (nl < 0 && ls === text.length && ls > 0 && !marks.some(function (mk) { return mk.s >= ls; })) break;
      lineNo++;
      // entities on this line
      var lineEnts = [];
      while (ei < ents.length && ents[ei] < le) {
        if (ents[ei + 3] > ls) lineEnts.push(ents.slice(ei, ei + 5));
        if (ents[ei + 3] <= le) ei += 5; else break;
      }
      var lineTags = [];
      while (ti < tags.length && tags[ti].s < le) {
        if (tags[ti].e > ls) lineTags.push(tags[ti]);
        if (tags[ti].e <= le) ti++; else break;
      }
      // marks on this line (multi-line marks stay active)
      while (mi < marks.length && marks[mi].s <= le) { active.push(marks[mi]); mi++; }
      active = active.filter(function (mk) { return mk.e > ls || mk.s >= ls; });
      var lineMarks = active.filter(function (mk) { return mk.s < le || mk.s === le && mk.e === mk.s || mk.s === ls; });
      var points = [ls, le];
      lineEnts.forEach(function (e) { points.push(e[0], e[1], e[2], e[3]); });
      lineMarks.forEach(function (mk) { points.push(mk.s, mk.e); });
      lineTags.forEach(function (tg) { points.push(tg.s, tg.e); });
      points = points.filter(function (p) { return p >= ls && p <= le; }).sort(function (a, b) { return a - b; });
      var tx = el('div', {class: 'tx'});
      var carets = {};
      lineMarks.forEach(function (mk) { if (mk.e === mk.s) (carets[mk.s] = carets[mk.s] || []).push(mk.f); });
      for (var p = 0; p < points.length; p++) {
        var a = points[p], b = points[p + 1];
        if (carets[a]) {
          var cf = carets[a]; delete carets[a];
          tx.appendChild(el('span', {class: 'caret', title: S[F[cf[0]][MSG]], text: '‸', onclick: pick(cf)}));
        }
        if (b === undefined || b <= a) continue;
        tx.appendChild(segment(text, a, b, lineEnts, lineMarks, lineTags));
      }
      var row = el('div', {class: 'line', id: 'L' + lineNo}, el('div', {class: 'no', text: lineNo}), tx);
      frag.appendChild(row);
      var starting = active.filter(function (mk) { return mk.s >= ls && mk.s <= le; });
      if (starting.length) {
        var notes = el('div', {class: 'notes'});
        starting.forEach(function (mk) { notes.appendChild(noteFor(mk.f)); });
        frag.appendChild(el('div', {class: 'line'}, el('div', {class: 'no'}), notes));
      }
      if (nl < 0) break;
      ls = nl + 1;
    }
    body.appendChild(frag);
    body.classList.toggle('raw', $('doc-markup').checked);
  }
  function pick(list) { return function (event) { event.stopPropagation(); selectFinding(list[0], false); }; }
  function segment(text, a, b, lineEnts, lineMarks, lineTags) {
    var node = el('span', {text: text.slice(a, b)});
    var classes = [];
    for (var i = 0; i < lineEnts.length; i++) {
      var e = lineEnts[i];
      if (a >= e[0] && a < e[3]) {
        var label = LABELS[e[4]];
        if (a < e[1]) classes.push('mk open');
        else if (a >= e[2]) classes.push('mk close');
        else {
          classes.push('ent');
          if (b === e[2]) { classes.push('ent-end'); node.setAttribute('data-label', label); }
        }
        node.style.backgroundColor = colour(label);
        node.title = label;
        break;
      }
    }
    for (var t = 0; t < lineTags.length; t++) {
      if (a >= lineTags[t].s && a < lineTags[t].e) { classes.push(lineTags[t].kind); break; }
    }
    var covering = lineMarks.filter(function (mk) { return a >= mk.s && a < mk.e; }).map(function (mk) { return mk.f; });
    if (covering.length) {
      classes.push('hit', 'sev-' + SEV[worst(covering)]);
      node.title = covering.map(function (fno) { return RULES[F[fno][R]].code + ': ' + S[F[fno][MSG]]; }).join('\n');
      node.addEventListener('click', pick(covering));
    }
    if (classes.length) node.className = classes.join(' ');
    return node;
  }
  function step(delta) {
    var order = docCurrent.order;
    if (!order.length) return;
    var at = order.indexOf(docCurrent.selected);
    var next = order[Math.max(0, Math.min(order.length - 1, at < 0 ? 0 : at + delta))];
    var line = $('L' + F[next][LN]);
    Array.prototype.forEach.call(document.querySelectorAll('#doc-body .line.target'), function (n) { n.classList.remove('target'); });
    if (line) line.classList.add('target');
    selectFinding(next, true);
  }

  // ------------------------------------------------------------------ consistency explorer
  var consSelected = -1;
  // The filter matches whole words or word prefixes, case-insensitively: every word of the
  // query starts some word of the string ("pass" finds "Northwest Passage", "SAG" does not).
  var WORDS = /[\p{L}\p{N}_]+/gu;
  function words(text) { return String(text).toLowerCase().match(WORDS) || []; }
  var groupWords = null;
  function keyMatches(gi, query) {
    if (!groupWords) groupWords = GROUPS.map(function (group) { return words(group.key); });
    return query.every(function (q) {
      return groupWords[gi].some(function (w) { return w.lastIndexOf(q, 0) === 0; });
    });
  }
  function renderConsistency(gi) {
    var list = clear($('cons-list')), q = words($('c-text').value);
    if (!GROUPS.length) return;
    if ($('cons-empty')) $('cons-empty').hidden = true;
    var shown = 0;
    GROUPS.forEach(function (group, i) {
      if (q.length && !keyMatches(i, q)) return;
      if (shown++ > 2000) return;
      list.appendChild(el('li', {'data-group': i, onclick: function () { location.hash = '#consistency/' + i; }},
        el('span', {class: 'key', text: group.key}), el('span', {class: 'count', text: fmt(group.findings.length)})));
    });
    if (gi < 0 && consSelected < 0) gi = 0;
    if (gi < 0) gi = consSelected;
    if (GROUPS[gi]) renderGroup(gi);
  }
  function distribution(counts) {
    var total = 0, keys = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; });
    keys.forEach(function (k) { total += counts[k]; });
    var bar = el('div', {class: 'bar'}), legend = el('div', {class: 'dist'});
    keys.forEach(function (k) {
      var known = LABELS.indexOf(k) >= 0;
      bar.appendChild(el('span', {title: k + ': ' + counts[k], style: {width: (100 * counts[k] / (total || 1)) + '%', backgroundColor: known ? colour(k) : '#d0d7de'}}));
      var name = known ? chip(k) : k === 'not annotated' ? chip('') : el('span', {class: 'chip none', text: k});
      legend.appendChild(el('span', null, name, ' ' + fmt(counts[k]) + ' (' + Math.round(100 * counts[k] / (total || 1)) + '%)'));
    });
    return el('div', null, bar, legend);
  }
  // The most common label among annotated occurrences (ties: all of them). "Not annotated"
  // is not a label: bare rows are never the majority and never highlighted.
  function majorityLabels(group) {
    var counts = {}, best = 0, out = {};
    Object.keys(group.counted).forEach(function (k) { if (k !== 'not annotated') counts[k] = group.counted[k]; });
    if (!Object.keys(counts).length) group.rows.forEach(function (r) { if (r[5]) counts[r[5]] = (counts[r[5]] || 0) + 1; });
    Object.keys(counts).forEach(function (k) { best = Math.max(best, counts[k]); });
    Object.keys(counts).forEach(function (k) { if (counts[k] === best) out[k] = true; });
    return out;
  }
  function renderGroup(gi) {
    consSelected = gi;
    var group = GROUPS[gi], box = clear($('cons-detail'));
    box.appendChild(el('h2', null, el('span', {class: 'ent-text', text: group.key})));
    box.appendChild(el('h3', {text: 'Label distribution'}));
    box.appendChild(distribution(group.labels));
    if (JSON.stringify(group.labels) !== JSON.stringify(group.counted) && Object.keys(group.counted).length) {
      box.appendChild(el('p', {class: 'muted small', text: 'Counted in the files of this report:'}));
      box.appendChild(distribution(group.counted));
    }
    box.appendChild(el('h3', {text: 'Findings (' + fmt(group.findings.length) + ')'}));
    var ul = el('ul');
    group.findings.slice(0, 200).forEach(function (fno) {
      var f = F[fno];
      ul.appendChild(el('li', null, sevPill(f[SV]), ' ', el('a', {href: docHref(fno), text: path(f[FI]) + ':' + f[LN]}), ' ', S[f[MSG]],
        f[SCORE] !== null ? el('span', {class: 'muted small', text: ' (score ' + f[SCORE].toFixed(2) + ')'}) : null));
    });
    if (group.findings.length > 200) ul.appendChild(el('li', {class: 'muted', text: '… and ' + fmt(group.findings.length - 200) + ' more'}));
    box.appendChild(ul);
    box.appendChild(el('h3', {text: 'Every occurrence in context (' + fmt(group.total) + ')'}));
    if (group.rows.length < group.total) box.appendChild(el('p', {class: 'muted small', text: 'First ' + fmt(group.rows.length) + ' shown.'}));
    var freq = {};
    group.rows.forEach(function (r) { freq[r[5]] = (freq[r[5]] || 0) + 1; });
    var majority = majorityLabels(group);
    var rows = group.rows.slice().sort(function (a, b) { return (freq[a[5]] - freq[b[5]]) || (a[5] < b[5] ? -1 : a[5] > b[5] ? 1 : 0); });
    var table = el('table', {class: 'kwic'});
    rows.forEach(function (r) {
      var odd = r[5] !== '' && !majority[r[5]];
      table.appendChild(el('tr', {class: odd ? 'odd' : null, 'data-label': r[5], title: r[2] + r[3] + r[4]},
        el('td', {class: 'where', title: path(r[0]) + ':' + r[1]}, el('a', {href: '#doc/' + r[0] + '/' + r[1], text: path(r[0]) + ':' + r[1]})),
        el('td', {class: 'left'}, el('span', {text: r[2]})),
        el('td', {class: 'hitcell'}, el('span', {class: 'ent', text: r[3], style: {backgroundColor: r[5] ? colour(r[5]) : 'transparent'}}), ' ', chip(r[5])),
        el('td', {class: 'right', text: r[4]})));
    });
    box.appendChild(table);
    Array.prototype.forEach.call(document.querySelectorAll('#cons-list li'), function (li) {
      li.classList.toggle('active', li.getAttribute('data-group') === String(gi));
    });
  }

  // ------------------------------------------------------------------ start
  Array.prototype.forEach.call(document.querySelectorAll('form'), function (form) {
    form.addEventListener('submit', function (event) { event.preventDefault(); });
  });
  setupFilters();
  $('d-text').addEventListener('input', function () { docState.page = 0; renderDocuments(); });
  $('d-only').addEventListener('change', function () { docState.page = 0; renderDocuments(); });
  $('c-text').addEventListener('input', function () { renderConsistency(consSelected); });
  $('doc-markup').addEventListener('change', function () { $('doc-body').classList.toggle('raw', $('doc-markup').checked); });
  $('doc-next').addEventListener('click', function () { step(1); });
  $('doc-prev').addEventListener('click', function () { step(-1); });
  document.addEventListener('keydown', function (event) {
    if ($('view-doc').hidden || /INPUT|SELECT|TEXTAREA/.test(event.target.tagName)) return;
    if (event.key === 'j') step(1);
    if (event.key === 'k') step(-1);
  });
  window.addEventListener('hashchange', route);
  route();
  ensureFindings();
  window.__annolint = {parseMs: tParsed - t0, readyMs: performance.now() - t0, findings: F.length};
  document.body.setAttribute('data-ready', 'true');
})();
