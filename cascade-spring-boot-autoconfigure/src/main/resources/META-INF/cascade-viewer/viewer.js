// Cascade local trace viewer. Captured content is only ever put in the page as text (textContent,
// text nodes): a prompt that contains markup is shown, never parsed or run.
'use strict';
(function () {
  const POLL_MS = 2000;
  const NO_SESSION = '';
  const DETAIL_KEYS = [
    ['llm.system_message', 'System message'], ['llm.prompt', 'Prompt'], ['llm.messages', 'Messages'],
    ['llm.completion', 'Completion'], ['llm.tools', 'Tools offered'], ['tool.input', 'Tool input'],
    ['tool.output', 'Tool output'], ['tool.error', 'Tool error'], ['function.input', 'Function input'],
    ['function.output', 'Function output'], ['function.error', 'Function error']
  ];

  const state = {
    sessions: [], selected: null, runs: [], traces: new Map(), signature: '', selectedSpan: null,
    focusTrace: null, collapsed: new Set(), search: '', errorsOnly: false
  };

  const $ = (id) => document.getElementById(id);

  // Builds an element; strings among the children become text nodes, never markup.
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'className') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, String(value));
      }
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  const num = (n) => (n === null || n === undefined) ? '' : Number(n).toLocaleString('en-US');
  function cost(usd) {
    if (usd === null || usd === undefined) return '';
    if (usd === 0) return '$0';
    return '$' + (usd < 0.01 ? usd.toFixed(6) : usd.toFixed(4));
  }
  function duration(ms) {
    if (ms === null || ms === undefined) return '';
    if (ms < 1) return ms.toFixed(2) + ' ms';
    if (ms < 1000) return ms.toFixed(ms < 10 ? 1 : 0) + ' ms';
    return (ms / 1000).toFixed(2) + ' s';
  }
  function time(ms) {
    if (!ms) return '';
    const d = new Date(ms);
    return d.toLocaleTimeString([], { hour12: false });
  }
  function dateTime(ms) {
    if (!ms) return '';
    const d = new Date(ms);
    return d.toLocaleDateString() + ' ' + time(ms);
  }
  const sessionKey = (id) => id === null || id === undefined ? NO_SESSION : id;
  const sessionLabel = (id) => id ? id : 'Runs without a session';

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response.json();
  }

  // ---- polling ----------------------------------------------------------------------------
  async function refresh() {
    try {
      const body = await getJson('cascade/api/sessions');
      state.sessions = body.sessions;
      renderStore(body.store);
      if (state.selected === null && state.sessions.length > 0) {
        state.selected = sessionKey(state.sessions[0].id);
      }
      renderSessions();
      if (state.selected !== null) await loadSession(state.selected);
      setStatus('updated ' + time(Date.now()), false);
    }
    catch (e) {
      setStatus('cannot reach the application (' + e.message + ')', true);
    }
  }

  async function loadSession(key) {
    const body = await getJson('cascade/api/traces?session=' + encodeURIComponent(key));
    if (!body || state.selected !== key) return;
    const wanted = body.traces;
    await Promise.all(wanted.map(async (summary) => {
      const cached = state.traces.get(summary.traceId);
      if (!cached || cached.spans.length !== summary.spans || cached.complete !== summary.complete) {
        const trace = await getJson('cascade/api/traces/' + summary.traceId);
        if (trace) state.traces.set(summary.traceId, trace);
      }
    }));
    const signature = JSON.stringify(body) + '|' + wanted.map((t) => (state.traces.get(t.traceId) || {}).spans?.length).join(',');
    state.session = body.session;
    state.runs = wanted.filter((t) => state.traces.has(t.traceId));
    if (signature !== state.signature) {
      state.signature = signature;
      renderMain();
    }
  }

  function setStatus(text, offline) {
    const status = $('status');
    status.textContent = text;
    status.classList.toggle('offline', offline);
  }

  function renderStore(store) {
    if (!store) return;
    $('store').textContent = store.traces + ' of at most ' + num(store.maxTraces) + ' traces kept in memory, '
      + (store.bytes / 1048576).toFixed(1) + ' of ' + (store.maxBytes / 1048576).toFixed(0) + ' MB'
      + (store.evictedTraces ? '; ' + num(store.evictedTraces) + ' older evicted' : '');
  }

  // ---- sessions -----------------------------------------------------------------------------
  function renderSessions() {
    const list = $('sessions');
    list.replaceChildren();
    const visible = state.sessions.filter((s) => !state.errorsOnly || s.errors > 0);
    if (visible.length === 0) {
      list.appendChild(el('li', { className: 'session empty', text: state.errorsOnly ? 'No session with errors.' : 'No sessions yet.' }));
    }
    for (const s of visible) {
      const key = sessionKey(s.id);
      list.appendChild(el('li', {
        className: 'session' + (key === state.selected ? ' selected' : ''), 'data-session': key, tabindex: 0,
        onclick: () => selectSession(key), onkeydown: (e) => { if (e.key === 'Enter') selectSession(key); }
      },
        el('div', { className: 'session-id', title: sessionLabel(s.id), text: sessionLabel(s.id) }),
        el('div', { className: 'session-meta' },
          el('span', { text: s.runs + (s.runs === 1 ? ' run' : ' runs') }),
          el('span', { text: time(s.firstStartMs) + (s.lastActivityMs && s.firstStartMs ? '–' + time(s.lastActivityMs) : '') }),
          el('span', { text: num(s.inputTokens + s.outputTokens) + ' tok' }),
          el('span', { text: cost(s.costUsd) }),
          s.errors > 0 ? el('span', { className: 'badge-err', text: s.errors + (s.errors === 1 ? ' error' : ' errors') }) : null,
          s.ended ? el('span', { className: 'badge-ended', text: 'ended' }) : null)));
    }
  }

  function selectSession(key, focusTrace) {
    if (state.selected !== key) {
      state.selected = key;
      state.runs = [];
      state.signature = '';
      closeDetails();
    }
    state.focusTrace = focusTrace || null;
    const url = new URL(window.location.href);
    url.search = '';
    if (focusTrace) url.searchParams.set('trace', focusTrace);
    else url.searchParams.set('session', key);
    history.replaceState(null, '', url);
    renderSessions();
    loadSession(key).catch((e) => setStatus('cannot load the session (' + e.message + ')', true));
  }

  // ---- runs and trees -----------------------------------------------------------------------
  function renderMain() {
    const main = $('main');
    main.replaceChildren();
    if (state.selected === null) {
      main.appendChild(el('p', { className: 'empty', text: 'No traces yet. Run your agent, and its runs appear here within two seconds.' }));
      return;
    }
    const s = state.session || {};
    main.appendChild(el('div', { className: 'session-head' },
      el('h1', { text: state.selected ? 'Session ' + state.selected : 'Runs without a session' }),
      el('div', { className: 'totals' },
        total('runs', num(s.runs)), total('LLM calls', num(s.llmCalls)), total('tool calls', num(s.toolCalls)),
        total('tokens in', num(s.inputTokens)), total('tokens out', num(s.outputTokens)), total('cost', cost(s.costUsd)),
        total('errors', num(s.errors)), s.ended ? el('span', { className: 'badge-ended', text: 'ended' }) : null)));
    let shown = 0;
    for (const summary of state.runs) {
      const trace = state.traces.get(summary.traceId);
      const card = renderRun(trace);
      if (card) { main.appendChild(card); shown++; }
    }
    if (shown === 0) {
      main.appendChild(el('p', { className: 'empty', text: state.runs.length ? 'No run matches the filters.' : 'No runs in this session yet.' }));
    }
    if (state.focusTrace) {
      const target = main.querySelector('[data-trace="' + CSS.escape(state.focusTrace) + '"]');
      if (target) target.scrollIntoView({ block: 'start' });
    }
  }

  function total(label, value) {
    return el('span', null, el('b', { text: value }), ' ' + label);
  }

  function renderRun(trace) {
    const spans = trace.spans;
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const children = new Map();
    const roots = [];
    for (const span of spans) {
      if (span.parentSpanId && byId.has(span.parentSpanId)) {
        if (!children.has(span.parentSpanId)) children.set(span.parentSpanId, []);
        children.get(span.parentSpanId).push(span);
      }
      else roots.push(span);
    }
    // Which spans pass the filters; their ancestors stay visible (dimmed) for context.
    const query = state.search.trim().toLowerCase();
    const filtering = query !== '' || state.errorsOnly;
    const matches = (s) => (!query || s.name.toLowerCase().includes(query)) && (!state.errorsOnly || s.status === 'ERROR');
    const visible = new Set();
    const direct = new Set();
    for (const span of spans) {
      if (!filtering || matches(span)) {
        direct.add(span.spanId);
        let current = span;
        while (current && !visible.has(current.spanId)) {
          visible.add(current.spanId);
          current = byId.get(current.parentSpanId);
        }
      }
    }
    if (filtering && direct.size === 0) return null;

    const start = trace.startMs;
    const length = Math.max(trace.durationMs, 0.001);
    const table = el('table', { className: 'rows' },
      el('colgroup', null, ['name', 'agent', 'model', 'tokens', 'cost', 'status', 'time'].map((c) => el('col', { className: 'c-' + c + ' col-' + c }))),
      el('thead', null, el('tr', null, el('th', { text: 'Span' }), el('th', { className: 'col-agent', text: 'Agent' }), el('th', { className: 'col-model', text: 'Model' }),
        el('th', { className: 'num', text: 'Tokens in / out' }), el('th', { className: 'num', text: 'Cost' }),
        el('th', { text: 'Status' }), el('th', { text: 'Timeline' }))));
    const body = el('tbody');
    const walk = (span, depth) => {
      if (!visible.has(span.spanId)) return;
      const kids = children.get(span.spanId) || [];
      const type = span.spanId === trace.runSpanId ? 'run' : span.type;
      const collapsed = state.collapsed.has(span.spanId);
      const bar = el('div', { className: 'bar type-' + type + (span.status === 'ERROR' ? ' err' : '') });
      bar.style.left = (((span.startMs - start) / length) * 100) + '%';
      bar.style.width = ((span.durationMs / length) * 100) + '%';
      const chevron = el('span', {
        className: 'chev', text: kids.length ? (collapsed ? '▸' : '▾') : '',
        onclick: (e) => { e.stopPropagation(); toggle(span.spanId); }
      });
      const name = el('td', { className: 'name-cell', title: span.name }, chevron, el('span', { className: 'type type-' + type, text: type }), span.name);
      name.style.paddingLeft = (6 + depth * 12) + 'px';
      const tokens = (span.inputTokens !== null || span.outputTokens !== null) ? num(span.inputTokens) + ' / ' + num(span.outputTokens) : '';
      const row = el('tr', {
        className: 'span-row' + (span.status === 'ERROR' ? ' error' : '') + (filtering && !direct.has(span.spanId) ? ' dim' : '')
          + (state.selectedSpan && state.selectedSpan.spanId === span.spanId ? ' selected' : ''),
        'data-span': span.spanId, 'data-type': type, onclick: () => openDetails(trace, span, type)
      },
        name, el('td', { className: 'col-agent', title: span.agent || '', text: span.agent || '' }),
        el('td', { className: 'col-model', title: span.model || '', text: span.model || '' }),
        el('td', { className: 'num', text: tokens }), el('td', { className: 'num', text: cost(span.costUsd) }),
        el('td', { className: 'st-' + span.status, text: span.status === 'UNSET' ? '' : span.status }),
        el('td', { title: duration(span.durationMs) }, el('div', { className: 'timeline' }, bar)));
      body.appendChild(row);
      if (!collapsed) kids.forEach((kid) => walk(kid, depth + 1));
    };
    roots.forEach((root) => walk(root, 0));
    table.appendChild(body);

    const link = el('a', { href: '?trace=' + encodeURIComponent(trace.traceId), text: 'trace ' + trace.traceId.slice(0, 12) + '…', title: trace.traceId,
      onclick: (e) => { e.preventDefault(); selectSession(state.selected, trace.traceId); } });
    return el('section', { className: 'run' + (state.focusTrace === trace.traceId ? ' focus' : ''), 'data-trace': trace.traceId },
      el('div', { className: 'run-head' },
        el('span', { className: 'run-title', text: trace.name }),
        el('span', { className: 'meta-line' },
          el('span', { text: dateTime(trace.startMs) }), el('span', { text: duration(trace.durationMs) }),
          el('span', { text: num(trace.llmCalls) + ' LLM · ' + num(trace.toolCalls) + (trace.toolCalls === 1 ? ' tool' : ' tools') }),
          el('span', { text: num(trace.inputTokens) + ' in / ' + num(trace.outputTokens) + ' out tokens' }),
          el('span', { text: cost(trace.costUsd) }),
          trace.agents.length ? el('span', { text: 'agents: ' + trace.agents.join(', ') }) : null,
          trace.errors ? el('span', { className: 'badge-err', text: trace.errors + (trace.errors === 1 ? ' error' : ' errors') }) : null,
          trace.complete ? null : el('span', { className: 'badge-ended', text: 'running…' })),
        link),
      table);
  }

  function toggle(spanId) {
    if (state.collapsed.has(spanId)) state.collapsed.delete(spanId);
    else state.collapsed.add(spanId);
    renderMain();
  }

  // ---- details ------------------------------------------------------------------------------
  function pretty(value) {
    if (typeof value !== 'string') return JSON.stringify(value, null, 2);
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try { return JSON.stringify(JSON.parse(trimmed), null, 2); } catch (e) { /* not JSON: show as is */ }
    }
    return value;
  }

  function openDetails(trace, span, type) {
    state.selectedSpan = { traceId: trace.traceId, spanId: span.spanId };
    document.querySelectorAll('tr.selected').forEach((r) => r.classList.remove('selected'));
    const row = document.querySelector('tr[data-span="' + CSS.escape(span.spanId) + '"]');
    if (row) row.classList.add('selected');
    const panel = $('details');
    panel.replaceChildren();
    panel.appendChild(el('button', { className: 'close', title: 'Close', 'aria-label': 'Close', text: '×', onclick: closeDetails }));
    panel.appendChild(el('h2', { text: span.name }));
    panel.appendChild(el('div', { className: 'meta-line' },
      el('span', { className: 'type type-' + type, text: type }), el('span', { text: duration(span.durationMs) }),
      el('span', { className: 'st-' + span.status, text: span.status }), span.agent ? el('span', { text: 'agent ' + span.agent }) : null,
      span.model ? el('span', { text: span.model }) : null,
      (span.inputTokens !== null || span.outputTokens !== null) ? el('span', { text: num(span.inputTokens) + ' in / ' + num(span.outputTokens) + ' out tokens' }) : null,
      span.costUsd !== null ? el('span', { text: cost(span.costUsd) }) : null));
    if (span.statusMessage) panel.appendChild(section('Status message', el('pre', { text: span.statusMessage })));
    const shown = new Set();
    for (const [key, label] of DETAIL_KEYS) {
      if (span.attributes[key] === undefined) continue;
      shown.add(key);
      panel.appendChild(section(label, el('pre', { className: 'content', 'data-key': key, text: pretty(span.attributes[key]) })));
    }
    for (const event of span.events) {
      if (event.name !== 'exception') continue;
      const a = event.attributes;
      panel.appendChild(section('Exception',
        el('div', { className: 'badge-err', text: (a['exception.type'] || 'error') + (a['exception.message'] ? ': ' + a['exception.message'] : '') }),
        a['exception.stacktrace'] ? el('pre', { className: 'stack', text: a['exception.stacktrace'] }) : null));
    }
    const others = Object.entries(span.attributes).filter(([key]) => !shown.has(key));
    others.sort((x, y) => x[0].localeCompare(y[0]));
    const ids = [['trace id', trace.traceId], ['span id', span.spanId], ['parent span id', span.parentSpanId || ''],
      ['kind', span.kind], ['start', dateTime(span.startMs)], ['scope', span.scope]];
    panel.appendChild(section('Attributes', el('table', { className: 'kv' },
      el('tbody', null, ids.concat(others).map(([key, value]) => el('tr', null,
        el('td', { className: 'mono', text: key }), el('td', { className: 'mono', text: typeof value === 'string' ? value : JSON.stringify(value) })))))));
    const otherEvents = span.events.filter((e) => e.name !== 'exception');
    if (otherEvents.length) {
      panel.appendChild(section('Events', otherEvents.map((e) => el('div', null, el('b', { text: e.name }), ' ' + time(e.timeMs),
        Object.keys(e.attributes).length ? el('pre', { text: JSON.stringify(e.attributes, null, 2) }) : null))));
    }
    panel.hidden = false;
    document.querySelector('.layout').classList.add('with-details');
  }

  function section(title, ...content) {
    return el('div', { className: 'section' }, el('h3', { text: title }), ...content);
  }

  function closeDetails() {
    state.selectedSpan = null;
    const panel = $('details');
    panel.hidden = true;
    panel.replaceChildren();
    document.querySelector('.layout').classList.remove('with-details');
    document.querySelectorAll('tr.selected').forEach((r) => r.classList.remove('selected'));
  }

  // ---- start --------------------------------------------------------------------------------
  async function start() {
    $('search').addEventListener('input', (e) => { state.search = e.target.value; state.signature = ''; renderMain(); });
    $('errors-only').addEventListener('change', (e) => { state.errorsOnly = e.target.checked; renderSessions(); renderMain(); });
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeDetails(); });
    const params = new URLSearchParams(window.location.search);
    if (params.has('trace')) {
      const traceId = params.get('trace');
      try {
        const trace = /^[0-9a-f]{32}$/.test(traceId) ? await getJson('cascade/api/traces/' + traceId) : null;
        if (trace) {
          state.traces.set(trace.traceId, trace);
          state.selected = sessionKey(trace.sessionId);
          state.focusTrace = trace.traceId;
        }
        else setStatus('trace ' + traceId + ' is not (or no longer) kept', true);
      }
      catch (e) { setStatus('cannot load the trace (' + e.message + ')', true); }
    }
    else if (params.has('session')) {
      state.selected = params.get('session');
    }
    await refresh();
    setInterval(refresh, POLL_MS);
  }

  start();
})();
