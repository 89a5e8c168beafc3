'use strict';
// The marsad page: plain DOM code, no libraries, only this server's api/...
// endpoints. Every value from the archive is inserted as text (never as
// markup). The page state lives in the URL fragment (#q=…&view=…), so the
// browser's back button and bookmarks work.
(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  const PAGE = 50;          // results per page (the API caps limit at 500)
  const MAP_LIMIT = 5000;   // most events drawn on the map
  const FILTERS = ['from', 'to', 'type', 'sub_type', 'country', 'actor', 'min_outlets'];
  const form = $('#query');
  const labels = {};        // snake_case name -> ACLED label
  const typeOfLabel = {};   // ACLED type label -> snake_case name
  let countries = [];

  // ---- DOM helpers ----------------------------------------------------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  // Arabic text: its own direction and language, isolated from its neighbours.
  const ar = (text, tag) => el(tag || 'bdi', { lang: 'ar', dir: 'rtl', text: text });
  const auto = (text) => el('bdi', { dir: 'auto', text: text });
  const label = (name) => labels[name] || (name || '').replace(/_/g, ' ');
  const dash = '—';

  // Append `text` with the char ranges [[start, end], …] wrapped in <mark>.
  // Offsets count Unicode code points, as the API does.
  function appendMarked(parent, text, ranges) {
    const cps = Array.from(text || '');
    const rs = (ranges || []).slice().sort((a, b) => a[0] - b[0]);
    let pos = 0;
    for (const [a, b] of rs) {
      if (a < pos || b <= a) continue;
      if (a > pos) parent.append(cps.slice(pos, a).join(''));
      parent.append(el('mark', { text: cps.slice(a, b).join('') }));
      pos = b;
    }
    if (pos < cps.length) parent.append(cps.slice(pos).join(''));
    return parent;
  }

  function fmtRange(r) {
    if (!r) return null;
    const lo = r.min, hi = r.max;
    if (lo != null && hi != null) return lo === hi ? String(lo) : lo + '–' + hi;
    if (lo != null) return lo + '+';
    if (hi != null) return '≤' + hi;
    return '?';
  }
  function fmtFatalities(f) {
    if (!f) return dash;
    const parts = [];
    const k = fmtRange(f.killed), w = fmtRange(f.wounded), kw = fmtRange(f.killed_or_wounded);
    if (k) parts.push(k + ' killed');
    if (w) parts.push(w + ' wounded');
    if (kw) parts.push(kw + ' killed or wounded');
    return parts.length ? parts.join(', ') : dash;
  }
  function fmtDate(d) {
    if (!d || !d.value) return dash;
    return d.precision && d.precision !== 'day' ? d.value + ' (' + d.precision + ')' : d.value;
  }
  function swatch(type) {
    const s = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    s.style.background = 'var(--' + type + ', #777)';
    return s;
  }
  function actorNode(a) {
    if (!a) return null;
    const n = ar(a.text);
    if (a.id) n.title = a.id;
    return n;
  }
  function actorsNode(e) {
    const span = el('span');
    const a1 = actorNode(e.actor1), a2 = actorNode(e.actor2);
    if (!a1 && !a2) return dash;
    span.append(a1 || dash, ' → ', a2 || dash);
    return span;
  }

  // ---- state in the URL fragment -------------------------------------
  const readState = () => new URLSearchParams(location.hash.slice(1));
  function go(st) {
    const h = '#' + st.toString();
    if (h === location.hash || (h === '#' && !location.hash)) render();
    else location.hash = h;
  }
  function articleHref(id) {
    const st = readState();
    st.set('article', id);
    return '#' + st.toString();
  }
  function formState() {
    const st = new URLSearchParams();
    const q = form.elements.q.value.trim();
    if (q) st.set('q', q);
    if (form.elements.any.checked) st.set('any', '1');
    for (const k of FILTERS) {
      const v = form.elements[k].value.trim();
      if (v) st.set(k, v);
    }
    return st;
  }
  function fillForm(st) {
    form.elements.q.value = st.get('q') || '';
    form.elements.any.checked = st.get('any') === '1';
    for (const k of FILTERS) {
      const v = st.get(k) || '';
      const input = form.elements[k];
      if (input.tagName === 'SELECT' && v && !Array.from(input.options).some((o) => o.value === v)) {
        input.append(el('option', { value: v, text: v }));
      }
      input.value = v;
    }
  }
  function params(st, keys) {
    const p = new URLSearchParams();
    for (const k of keys) if (st.get(k)) p.set(k, st.get(k));
    return p;
  }

  // ---- the API --------------------------------------------------------
  async function api(path, p) {
    const qs = p ? p.toString() : '';
    const res = await fetch(qs ? path + '?' + qs : path, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await res.json(); } catch (_) { body = null; }
    if (!res.ok) throw new Error((body && body.error) || res.status + ' ' + res.statusText);
    return body;
  }
  function showError(msg) {
    const e = $('#error');
    e.hidden = !msg;
    e.textContent = msg || '';
  }

  // ---- views ----------------------------------------------------------
  const VIEWS = ['articles', 'events', 'map', 'article'];
  function showView(v) {
    for (const name of VIEWS) $('#view-' + name).hidden = name !== v;
    for (const b of document.querySelectorAll('.tabs button')) {
      b.setAttribute('aria-selected', b.dataset.view === v ? 'true' : 'false');
    }
  }

  let renderSeq = 0;
  async function render() {
    const seq = ++renderSeq;
    const st = readState();
    fillForm(st);
    showError(null);
    const stale = () => seq !== renderSeq;
    try {
      if (st.get('article')) {
        showView('article');
        await showArticle(st.get('article'), stale);
        return;
      }
      const view = st.get('view') || (st.get('q') ? 'articles' : 'events');
      showView(view);
      if (view === 'articles') await loadHits(st, stale);
      else if (view === 'events') await loadEvents(st, stale);
      else if (view === 'map') await loadMap(st, stale);
    } catch (err) {
      if (!stale()) showError(err.message);
    }
  }

  function pager(prev, next, st, offset, full) {
    prev.disabled = offset <= 0;
    next.disabled = !full;
    prev.onclick = () => { const s = new URLSearchParams(st); s.set('offset', Math.max(0, offset - PAGE)); go(s); };
    next.onclick = () => { const s = new URLSearchParams(st); s.set('offset', offset + PAGE); go(s); };
  }

  // Articles: ranked hits with highlighted snippets.
  async function loadHits(st, stale) {
    const list = $('#hits'), status = $('#hits-status');
    const offset = Number(st.get('offset')) || 0;
    list.replaceChildren();
    if (!st.get('q')) {
      status.textContent = 'Type words or "quoted phrases" in the search box to find articles.';
      pager($('#hits-prev'), $('#hits-next'), st, 0, false);
      return;
    }
    status.textContent = 'Searching…';
    const p = params(st, ['q', 'from', 'to', 'any']);
    p.set('limit', PAGE);
    p.set('offset', offset);
    const hits = await api('api/search', p);
    if (stale()) return;
    status.textContent = hits.length
      ? 'Articles ' + (offset + 1) + '–' + (offset + hits.length) + ' by relevance'
      : (offset ? 'No more articles.' : 'No article matches.');
    for (const h of hits) {
      const title = appendMarked(el('a', { class: 'hit-title', href: articleHref(h.id), lang: 'ar', dir: 'rtl' }),
        h.title || h.id, h.title_highlights);
      const meta = el('div', { class: 'hit-meta' },
        (h.published || 'undated') + ' · ', auto(h.outlet || 'unknown outlet'), ' · ' + h.id,
        h.cluster !== h.id ? ' · same story as ' + h.cluster : '');
      const snip = appendMarked(el('p', { class: 'snippet', lang: 'ar', dir: 'rtl' }), h.snippet, h.highlights);
      list.append(el('li', {}, title, meta, snip));
    }
    pager($('#hits-prev'), $('#hits-next'), st, offset, hits.length === PAGE);
  }

  // Events: the merged-events table with expandable sources.
  function eventDetail(e) {
    const dl = el('dl', { class: 'kv' });
    const add = (k, v) => { if (v !== null && v !== undefined && v !== '') dl.append(el('dt', { text: k }), el('dd', {}, v)); };
    add('Event id', e.id);
    add('Status', e.status + (e.confidence != null ? ' (confidence ' + e.confidence.toFixed(2) + ')' : ''));
    if (e.date && e.date.text) add('Date as written', ar(e.date.text));
    const place = e.location && e.location.place;
    if (place) {
      add('Place', el('span', {}, ar(place.name), ' ' + [place.name_en, place.admin1, place.country].filter(Boolean).join(', ') +
        (place.lat != null ? ' (' + place.lat.toFixed(3) + ', ' + place.lon.toFixed(3) + ')' : '') + ' · ' + place.precision));
    }
    if (e.location && e.location.text) add('Location as written', ar(e.location.text));
    const at = e.attribution;
    if (at && (at.speaker || at.source)) {
      add('According to', el('span', {}, at.speaker ? ar(at.speaker) : '', at.speaker && at.source ? ' / ' : '', at.source ? ar(at.source) : ''));
    }
    add('Reports', e.reports + ' article(s), ' + e.outlets + ' outlet(s)');
    const ol = el('ol', { class: 'sources' });
    for (const s of e.sources || []) {
      ol.append(el('li', {}, el('a', { href: articleHref(s.article) }, ar(s.title || s.article)),
        ' · ', auto(s.outlet || 'unknown outlet'), ' · ' + (s.published || 'undated')));
    }
    return el('div', {}, dl, el('strong', { text: 'Sources' }), ol);
  }

  function eventRow(e, tbody) {
    const place = e.location && e.location.place;
    const loc = place
      ? el('span', { title: [place.name_en, place.admin1].filter(Boolean).join(', ') }, ar(place.name), ' (' + (place.country || '?') + ')')
      : (e.location && e.location.text ? ar(e.location.text) : dash);
    const tr = el('tr', { class: 'event', tabindex: '0', 'aria-expanded': 'false' },
      el('td', { class: 'nowrap', text: fmtDate(e.date) }),
      el('td', { class: 'nowrap' }, swatch(e.type), label(e.type)),
      el('td', { text: label(e.sub_type) }),
      el('td', {}, loc),
      el('td', {}, actorsNode(e)),
      el('td', { text: fmtFatalities(e.fatalities) }),
      el('td', { class: 'num', text: String(e.outlets) }));
    let detail = null;
    const toggle = () => {
      if (detail) { detail.remove(); detail = null; tr.setAttribute('aria-expanded', 'false'); return; }
      detail = el('tr', { class: 'detail' }, el('td', { colspan: '7' }, eventDetail(e)));
      tr.after(detail);
      tr.setAttribute('aria-expanded', 'true');
    };
    tr.addEventListener('click', toggle);
    tr.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); toggle(); } });
    tbody.append(tr);
  }

  async function loadEvents(st, stale) {
    const tbody = $('#events-table tbody'), status = $('#events-status');
    const offset = Number(st.get('offset')) || 0;
    const filters = params(st, FILTERS);
    $('#dl-csv').href = 'api/events.csv' + (filters.toString() ? '?' + filters : '');
    $('#dl-geojson').href = 'api/events.geojson' + (filters.toString() ? '?' + filters : '');
    status.textContent = 'Loading events…';
    const p = new URLSearchParams(filters);
    p.set('limit', PAGE);
    p.set('offset', offset);
    const events = await api('api/events', p);
    if (stale()) return;
    tbody.replaceChildren();
    status.textContent = events.length
      ? 'Events ' + (offset + 1) + '–' + (offset + events.length) + ' by date (click a row for its sources)'
      : (offset ? 'No more events.' : 'No event matches these filters.');
    for (const e of events) eventRow(e, tbody);
    pager($('#events-prev'), $('#events-next'), st, offset, events.length === PAGE);
  }

  // Map: events as dots on a longitude/latitude graticule, no tiles.
  function svgEl(svg, tag, attrs) {
    const e = document.createElementNS(svg.namespaceURI, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') e.textContent = v; else e.setAttribute(k, String(v));
    }
    return e;
  }

  function drawMap(features) {
    const svg = $('#map');
    svg.replaceChildren();
    const W = 960, H = 600, PAD = 36;
    // One dot per distinct point; events at one place share it.
    const groups = new Map();
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates;
      if (!isFinite(lon) || !isFinite(lat)) continue;
      const key = lon.toFixed(4) + ',' + lat.toFixed(4);
      if (!groups.has(key)) groups.set(key, { lon, lat, items: [] });
      groups.get(key).items.push(f);
    }
    const pts = Array.from(groups.values());
    let x0 = 25, x1 = 60, y0 = 10, y1 = 40; // the Middle East when there is nothing to show
    if (pts.length) {
      x0 = Math.min(...pts.map((p) => p.lon)); x1 = Math.max(...pts.map((p) => p.lon));
      y0 = Math.min(...pts.map((p) => p.lat)); y1 = Math.max(...pts.map((p) => p.lat));
    }
    const MIN_SPAN = 4;
    if (x1 - x0 < MIN_SPAN) { const c = (x0 + x1) / 2; x0 = c - MIN_SPAN / 2; x1 = c + MIN_SPAN / 2; }
    if (y1 - y0 < MIN_SPAN) { const c = (y0 + y1) / 2; y0 = c - MIN_SPAN / 2; y1 = c + MIN_SPAN / 2; }
    const mx = (x1 - x0) * 0.08, my = (y1 - y0) * 0.08;
    x0 -= mx; x1 += mx; y0 -= my; y1 += my;
    // Equirectangular, longitudes shrunk by cos(mid-latitude); same scale both ways.
    const k = Math.cos(((y0 + y1) / 2) * Math.PI / 180);
    const scale = Math.min((W - 2 * PAD) / ((x1 - x0) * k), (H - 2 * PAD) / (y1 - y0));
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    const X = (lon) => W / 2 + (lon - cx) * k * scale;
    const Y = (lat) => H / 2 - (lat - cy) * scale;
    const lonMin = cx - (W / 2) / (k * scale), lonMax = cx + (W / 2) / (k * scale);
    const latMin = cy - (H / 2) / scale, latMax = cy + (H / 2) / scale;

    const span = Math.max(lonMax - lonMin, latMax - latMin);
    const step = [0.25, 0.5, 1, 2, 5, 10, 20, 30].find((s) => span / s <= 12) || 30;
    const grid = svgEl(svg, 'g', { class: 'grid' });
    const fmtDeg = (v, pos, neg) => Math.abs(+v.toFixed(2)) + '°' + (v >= 0 ? pos : neg);
    for (let lon = Math.ceil(lonMin / step) * step; lon <= lonMax; lon += step) {
      grid.append(svgEl(svg, 'line', { x1: X(lon), y1: 0, x2: X(lon), y2: H }));
      svg.append(svgEl(svg, 'text', { class: 'grid-label', x: X(lon) + 3, y: H - 4, text: fmtDeg(lon, 'E', 'W') }));
    }
    for (let lat = Math.ceil(latMin / step) * step; lat <= latMax; lat += step) {
      grid.append(svgEl(svg, 'line', { x1: 0, y1: Y(lat), x2: W, y2: Y(lat) }));
      svg.append(svgEl(svg, 'text', { class: 'grid-label', x: 3, y: Y(lat) - 3, text: fmtDeg(lat, 'N', 'S') }));
    }
    svg.prepend(grid);
    // Reference points: the gazetteer's countries inside the frame.
    for (const c of countries) {
      if (c.lon < lonMin || c.lon > lonMax || c.lat < latMin || c.lat > latMax) continue;
      svg.append(svgEl(svg, 'circle', { class: 'country-dot', cx: X(c.lon), cy: Y(c.lat), r: 2 }));
      const t = svgEl(svg, 'text', { class: 'country-label', x: X(c.lon) + 4, y: Y(c.lat) - 4, text: c.name_en });
      t.append(svgEl(svg, 'title', { text: c.name_ar + ' (' + c.code + ')' }));
      svg.append(t);
    }
    // Events: biggest dots first so small ones stay clickable.
    pts.sort((a, b) => b.items.length - a.items.length);
    let selected = null;
    for (const g of pts) {
      const counts = {};
      for (const f of g.items) { const t = typeOfLabel[f.properties.event_type] || 'other'; counts[t] = (counts[t] || 0) + 1; }
      const type = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
      const dot = svgEl(svg, 'circle', { class: 'event', cx: X(g.lon), cy: Y(g.lat), r: Math.min(18, 4 + 2.5 * Math.sqrt(g.items.length - 1)), tabindex: 0 });
      dot.style.fill = 'var(--' + type + ', #555)';
      const first = g.items[0].properties;
      dot.append(svgEl(svg, 'title', { text: (first.location || '') + ': ' + g.items.length + ' event(s)' }));
      const pick = () => {
        if (selected) selected.classList.remove('selected');
        selected = dot; dot.classList.add('selected');
        showMapDetail(g);
      };
      dot.addEventListener('click', pick);
      dot.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') pick(); });
      svg.append(dot);
    }
  }

  function showMapDetail(g) {
    const box = $('#map-detail');
    const rows = g.items.map((f) => {
      const p = f.properties;
      const srcs = el('span');
      (p.sources || []).forEach((s, i) => {
        if (i) srcs.append(' · ');
        srcs.append(el('a', { href: articleHref(s.article) }, ar(s.title || s.article)));
      });
      return el('tr', {},
        el('td', { class: 'nowrap', text: p.event_date || dash }),
        el('td', {}, swatch(typeOfLabel[p.event_type] || 'other'), p.event_type),
        el('td', { text: p.sub_event_type }),
        el('td', {}, auto(p.actor1 || dash), ' → ', auto(p.actor2 || dash)),
        el('td', { class: 'num', text: p.fatalities }),
        el('td', { class: 'num', text: p.outlets }),
        el('td', {}, srcs));
    });
    const p0 = g.items[0].properties;
    box.replaceChildren(
      el('h3', {}, auto(p0.location), ' ' + [p0.admin1, p0.country].filter(Boolean).join(', ') + ' (' + g.lat.toFixed(3) + ', ' + g.lon.toFixed(3) + ')'),
      el('div', { class: 'table-wrap' }, el('table', {},
        el('thead', {}, el('tr', {}, ...['Date', 'Type', 'Sub-type', 'Actors', 'Killed', 'Outlets', 'Sources'].map((h) => el('th', { text: h })))),
        el('tbody', {}, ...rows))));
  }

  async function loadMap(st, stale) {
    const status = $('#map-status');
    status.textContent = 'Loading events…';
    const p = params(st, FILTERS);
    p.set('limit', MAP_LIMIT);
    const fc = await api('api/events.geojson', p);
    if (stale()) return;
    const n = fc.features.length;
    status.textContent = n
      ? n + ' events with coordinates' + (n >= MAP_LIMIT ? ' (the first ' + MAP_LIMIT + '; narrow the filters)' : '') + '. Click a dot for its events.'
      : 'No event with coordinates matches these filters.';
    $('#map-detail').replaceChildren();
    drawMap(fc.features);
  }

  // Article: the record with its entities, places and events marked in the text.
  async function showArticle(id, stale) {
    const box = $('#article');
    box.replaceChildren(el('p', { class: 'muted', text: 'Loading the article…' }));
    const r = await api('api/articles/' + encodeURIComponent(id));
    if (stale()) return;
    const n = Array.from(r.text || '').length;
    // One label per character: entities, then places, then event triggers on top.
    const marks = new Array(n).fill(null);
    const paint = (start, end, m) => { for (let i = Math.max(0, start); i < Math.min(n, end); i++) marks[i] = m; };
    (r.entities || []).forEach((e) => paint(e.start, e.end, {
      cls: 'ent ent-' + e.type, title: [e.type, e.id, e.canonical_en || e.canonical].filter(Boolean).join(' · ') }));
    (r.places || []).forEach((p) => paint(p.start, p.end, {
      cls: 'place', title: ['place', p.name_en || p.name, p.country, p.precision].filter(Boolean).join(' · ') }));
    (r.events || []).forEach((e, i) => paint(e.trigger.start, e.trigger.end, {
      cls: 'trigger', id: 'trigger-' + i, title: 'event ' + (i + 1) + ': ' + label(e.type) + ' / ' + label(e.sub_type) }));
    const body = el('div', { class: 'body', lang: 'ar', dir: 'rtl' });
    const cps = Array.from(r.text || '');
    let i = 0;
    while (i < n) {
      let j = i + 1;
      while (j < n && marks[j] === marks[i]) j++;
      const text = cps.slice(i, j).join('');
      const m = marks[i];
      body.append(m ? el('span', { class: m.cls, title: m.title, id: m.id }, text) : text);
      i = j;
    }

    const meta = el('p', { class: 'muted' },
      (r.published || 'undated') + ' · ', auto((r.source && r.source.outlet) || 'unknown outlet'),
      ' · id ' + r.id + (r.source && r.source.locator ? ' · ' + r.source.kind + ': ' + r.source.locator : ''));
    const key = el('p', { class: 'key small' },
      el('span', { class: 'ent-PER', text: 'person' }), el('span', { class: 'ent-ORG', text: 'organisation' }),
      el('span', { class: 'place', text: 'place' }), el('span', { class: 'ent-MISC', text: 'other name' }),
      el('span', { class: 'trigger', text: 'event' }));
    for (const s of key.children) s.className += ' ent';

    const side = el('div');
    side.append(el('h3', { text: 'Events (' + (r.events || []).length + ')' }));
    (r.events || []).forEach((e, idx) => side.append(eventCard(r, e, idx)));
    if (!(r.events || []).length) side.append(el('p', { class: 'muted', text: 'No event found in this article.' }));

    side.append(el('h3', { text: 'Entities (' + (r.entities || []).length + ')' }));
    side.append(el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, ...['Type', 'Text', 'Canonical', 'Id'].map((h) => el('th', { text: h })))),
      el('tbody', {}, ...(r.entities || []).map((e) => el('tr', {},
        el('td', { text: e.type }), el('td', {}, ar(e.text)),
        el('td', {}, e.canonical ? ar(e.canonical) : '', e.canonical_en ? ' ' + e.canonical_en : ''),
        el('td', { text: e.id || '' })))))));

    side.append(el('h3', { text: 'Places (' + (r.places || []).length + ')' }));
    side.append(el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, ...['Text', 'Place', 'Country', 'Precision', 'Lat, lon'].map((h) => el('th', { text: h })))),
      el('tbody', {}, ...(r.places || []).map((p) => el('tr', {},
        el('td', {}, ar(p.text)), el('td', {}, ar(p.name), p.name_en ? ' ' + p.name_en : ''),
        el('td', { text: p.country || '' }), el('td', { text: p.precision }),
        el('td', { class: 'nowrap', text: p.lat != null ? p.lat.toFixed(3) + ', ' + p.lon.toFixed(3) : '' })))))));

    box.replaceChildren(
      el('h2', { lang: 'ar', dir: 'rtl', text: r.title || r.id }), meta, key,
      el('div', { class: 'article-grid' }, body, side));
  }

  function eventCard(r, e, idx) {
    const place = e.location && e.location.place != null ? (r.places || [])[e.location.place] : null;
    const dl = el('dl', { class: 'kv' });
    const add = (k, v) => { if (v !== null && v !== undefined && v !== '') dl.append(el('dt', { text: k }), el('dd', {}, v)); };
    add('Trigger', ar(e.trigger.text));
    add('Actors', actorsNode(e));
    add('Where', place ? el('span', {}, ar(place.name), ' ' + [place.name_en, place.country].filter(Boolean).join(', '))
      : (e.location && e.location.text ? ar(e.location.text) : null));
    add('When', e.date ? el('span', {}, fmtDate(e.date), e.date.text ? ' · ' : '', e.date.text ? ar(e.date.text) : '') : null);
    add('Toll', fmtFatalities(e.fatalities));
    const at = e.attribution;
    if (at && (at.speaker || at.source)) {
      add('According to', el('span', {}, at.speaker ? ar(at.speaker) : '', at.speaker && at.source ? ' / ' : '', at.source ? ar(at.source) : ''));
    }
    const show = el('button', { type: 'button', class: 'small', text: 'Show in text' });
    show.addEventListener('click', () => {
      for (const f of document.querySelectorAll('.body .focus')) f.classList.remove('focus');
      const t = document.getElementById('trigger-' + idx);
      if (t) { t.classList.add('focus'); t.scrollIntoView({ block: 'center', behavior: 'smooth' }); }
    });
    return el('div', { class: 'ev-card' },
      el('h4', {}, swatch(e.type), label(e.type) + ' / ' + label(e.sub_type),
        el('span', { class: 'tag', text: e.status }),
        el('span', { class: 'tag', text: 'confidence ' + Number(e.confidence).toFixed(2) })),
      dl, show);
  }

  // ---- start ----------------------------------------------------------
  async function loadStats() {
    try {
      const s = await api('api/stats');
      $('#stats').textContent = s.articles + ' articles · ' + s.events + ' events (' + s.events_multi_outlet +
        ' from 2+ outlets) · ' + s.clusters + ' story clusters · ' + s.outlets + ' outlets' +
        (s.first_published ? ' · published ' + s.first_published + ' to ' + s.last_published : '');
    } catch (err) {
      $('#stats').textContent = 'Cannot read the archive: ' + err.message;
    }
  }

  async function loadVocabulary() {
    const v = await api('api/vocabulary');
    const fill = (select, items) => {
      for (const it of items) select.append(el('option', { value: it.value, text: it.text }));
    };
    for (const t of v.event_types.concat(v.sub_types)) labels[t.name] = t.label;
    for (const t of v.event_types) typeOfLabel[t.label] = t.name;
    fill(form.elements.type, v.event_types.map((t) => ({ value: t.name, text: t.label })));
    fill(form.elements.sub_type, v.sub_types.map((t) => ({ value: t.name, text: t.label })));
    fill(form.elements.country, v.countries.map((c) => ({ value: c.code, text: c.name_en + ' (' + c.code + ')' })));
    countries = v.countries;
    const legend = $('#map-legend');
    for (const t of v.event_types) legend.append(el('span', {}, swatch(t.name), t.label));
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const st = formState();
    const cur = readState();
    const view = cur.get('view');
    if (view && view !== 'article') st.set('view', view);
    if (!view && st.get('q')) st.set('view', 'articles');
    go(st);
  });
  $('#clear').addEventListener('click', () => {
    for (const k of FILTERS) form.elements[k].value = '';
    form.requestSubmit();
  });
  for (const b of document.querySelectorAll('.tabs button')) {
    b.addEventListener('click', () => {
      const st = readState();
      st.delete('article');
      st.delete('offset');
      st.set('view', b.dataset.view);
      go(st);
    });
  }
  $('#back').addEventListener('click', () => {
    const st = readState();
    st.delete('article');
    if (navigated) history.back(); else go(st);
  });
  let navigated = false; // whether Back stays on this page
  window.addEventListener('hashchange', () => { navigated = true; render(); });

  loadStats();
  loadVocabulary().catch((err) => showError('Cannot load the filter lists: ' + err.message)).then(render);
})();
