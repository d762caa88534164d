/**
 * The browser script served at `/v1/decide.js`: it fills every element marked
 * `data-clientele-placement="NAME"` with what `GET /v1/decide` answers for this visitor.
 *
 * Embedding (docs/activation.md):
 *   <script src="https://HOST/v1/decide.js" data-write-key="KEY" [data-user-id="c1"] async></script>
 * The write key may also ride as `?writeKey=KEY` on the src. The visitor is `data-user-id` when the site
 * knows them (remembered in localStorage for later pages), else a random anonymous id kept in a
 * first-party cookie and localStorage. The call carries the browser's zone, local hour and device.
 *
 * Filling is safe by construction: payload values go in as textContent, attributes only take http(s) or
 * relative URLs, and HTML is set only from the placement's own `html` field (written by whoever keeps
 * the placement's rules, never by a visitor).
 *
 * Plain ES2017 without modules or build step, so any page can load it as it is.
 */
export const DECIDE_SCRIPT = `(function () {
  'use strict';
  var me = document.currentScript;
  if (!me || !me.src) return;
  var src = new URL(me.src, location.href);
  var base = src.origin;
  var key = me.getAttribute('data-write-key') || src.searchParams.get('writeKey') || '';
  var USER = 'clientele_user_id';
  var ANON = 'clientele_anonymous_id';

  function store(name, value) {
    try { localStorage.setItem(name, value); } catch (e) {}
    document.cookie = name + '=' + encodeURIComponent(value) + '; path=/; max-age=31536000; SameSite=Lax';
  }
  function stored(name) {
    var v = null;
    try { v = localStorage.getItem(name); } catch (e) {}
    if (v) return v;
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? decodeURIComponent(m[1]) : null;
  }
  function anonymousId() {
    var id = stored(ANON);
    if (!id) {
      id = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now());
      store(ANON, id);
    }
    return id;
  }
  var given = me.getAttribute('data-user-id');
  if (given) store(USER, given);

  function device() {
    var ua = navigator.userAgent;
    if (/iPad|Tablet/i.test(ua)) return 'tablet';
    if (/Mobi|iPhone|Android/i.test(ua)) return 'mobile';
    return 'desktop';
  }
  function zone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { return ''; }
  }
  // http(s) or a path on this site; javascript:, data: and the like are dropped.
  function safeUrl(value) {
    if (typeof value !== 'string') return null;
    try {
      var u = new URL(value, location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) { return null; }
  }
  var LINK = /^(link|href|url)$|_(link|url|href)$/;
  var IMAGE = /^(image|img|src)$|_(image|img)$/;
  function put(target, field, value) {
    if (value === null || value === undefined || typeof value === 'object') return;
    if (field === 'html') { target.innerHTML = String(value); return; }
    if (LINK.test(field)) {
      var href = safeUrl(value);
      if (href) target.setAttribute('href', href);
      return;
    }
    if (IMAGE.test(field)) {
      var img = safeUrl(value);
      if (img) target.setAttribute('src', img);
      return;
    }
    if (field === 'alt') { target.setAttribute('alt', String(value)); return; }
    target.textContent = String(value);
  }
  // A field goes to the child marked data-clientele-field="FIELD"; without one, links, images and html
  // go to the element itself when it is of the right kind, and text/title/headline/hero to its text.
  function fill(el, payload) {
    var marked = el.querySelectorAll('[data-clientele-field]');
    var names = Object.keys(payload);
    for (var i = 0; i < names.length; i++) {
      var field = names[i];
      var placed = false;
      for (var j = 0; j < marked.length; j++) {
        if (marked[j].getAttribute('data-clientele-field') === field) {
          put(marked[j], field, payload[field]);
          placed = true;
        }
      }
      if (placed || marked.length > 0) continue;
      var tag = el.tagName;
      if ((LINK.test(field) && tag === 'A') || (IMAGE.test(field) && tag === 'IMG') || field === 'html' || field === 'alt')
        put(el, field, payload[field]);
      else if (/^(text|title|headline|hero)$/.test(field) && payload.html === undefined) put(el, field, payload[field]);
    }
  }
  function decideOne(name, elements) {
    var q = new URLSearchParams();
    q.set('placement', name);
    var user = stored(USER);
    if (user) q.set('userId', user);
    q.set('anonymousId', anonymousId());
    q.set('hour', String(new Date().getHours()));
    q.set('device', device());
    var tz = zone();
    if (tz) q.set('tz', tz);
    if (key) q.set('writeKey', key);
    return fetch(base + '/v1/decide?' + q.toString(), { credentials: 'omit' })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        for (var i = 0; i < elements.length; i++) {
          var el = elements[i];
          if (!res.ok) {
            el.setAttribute('data-clientele-error', (res.body && res.body.error && res.body.error.code) || 'error');
            continue;
          }
          if (res.body.payload) fill(el, res.body.payload);
          el.setAttribute('data-clientele-variant', res.body.variant === null ? '' : res.body.variant);
        }
      })
      .catch(function () {
        for (var i = 0; i < elements.length; i++) elements[i].setAttribute('data-clientele-error', 'network');
      });
  }
  function run() {
    var all = document.querySelectorAll('[data-clientele-placement]');
    var byName = {};
    for (var i = 0; i < all.length; i++) {
      var name = all[i].getAttribute('data-clientele-placement');
      if (!name) continue;
      (byName[name] = byName[name] || []).push(all[i]);
    }
    var jobs = [];
    for (var n in byName) jobs.push(decideOne(n, byName[n]));
    return Promise.all(jobs).then(function () {
      document.dispatchEvent(new CustomEvent('clientele:decided'));
    });
  }
  window.clientele = window.clientele || {};
  window.clientele.identify = function (userId) { store(USER, String(userId)); return run(); };
  window.clientele.decide = run;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
`;
