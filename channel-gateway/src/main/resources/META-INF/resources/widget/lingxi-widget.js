/*
 * Lingxi web chat widget. Add to any page, no build step:
 *   <script src="https://<gateway>/widget/lingxi-widget.js" data-channel="web" data-lang="zh" async></script>
 * data-channel: the web channel id; data-lang: zh (default) or en; data-open="true" opens the chat at once.
 * Anonymous visitors get a signed visitor token (kept in localStorage); the live connection is a WebSocket that
 * reconnects with back-off and resumes after the last message it saw, so nothing is lost or shown twice.
 */
(function () {
  'use strict';
  var script = document.currentScript || (function () {
    var all = document.getElementsByTagName('script');
    for (var i = all.length - 1; i >= 0; i--) {
      if (/lingxi-widget\.js/.test(all[i].src)) { return all[i]; }
    }
    return null;
  })();
  if (!script || window.__lingxiWidget) { return; }
  window.__lingxiWidget = true;

  var base = new URL(script.src, location.href);
  var channel = script.getAttribute('data-channel') || 'web';
  var lang = (script.getAttribute('data-lang') || (navigator.language || 'zh')).toLowerCase().indexOf('en') === 0 ? 'en' : 'zh';
  var T = {
    zh: { title: '在线客服', open: '打开在线客服', close: '关闭', placeholder: '请输入您的问题…', send: '发送',
      input: '输入消息', typing: '正在输入…', connecting: '正在连接…', offline: '连接已断开，正在重连…',
      rate: '请为本次服务评分', rated: '感谢您的评价！', star: '分', you: '我', bot: '客服', failed: '发送失败，请重试',
      log: '对话内容', quick: '快捷回复' },
    en: { title: 'Customer service', open: 'Open chat', close: 'Close', placeholder: 'Type your question…', send: 'Send',
      input: 'Message', typing: 'Typing…', connecting: 'Connecting…', offline: 'Connection lost, reconnecting…',
      rate: 'How would you rate this chat?', rated: 'Thank you for your feedback!', star: ' star', you: 'You', bot: 'Agent',
      failed: 'Could not send; please try again', log: 'Conversation', quick: 'Quick replies' }
  }[lang];

  var storeKey = 'lingxi:' + base.host + ':' + channel;
  function load() { try { return JSON.parse(localStorage.getItem(storeKey)) || {}; } catch (e) { return {}; } }
  function save(state) { try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* private mode */ } }

  var css = '' +
    '.lx-root{position:fixed;right:16px;bottom:16px;z-index:2147483000;font:14px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif}' +
    '.lx-launch{width:56px;height:56px;border-radius:50%;border:0;background:#1f6feb;color:#fff;font-size:24px;cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.25)}' +
    '.lx-launch:focus-visible,.lx-root button:focus-visible,.lx-input:focus-visible{outline:3px solid #f0b400;outline-offset:2px}' +
    '.lx-panel{display:none;flex-direction:column;width:360px;max-width:calc(100vw - 32px);height:520px;max-height:calc(100vh - 32px);background:#fff;border-radius:12px;box-shadow:0 8px 28px rgba(0,0,0,.3);overflow:hidden}' +
    '.lx-open .lx-panel{display:flex}.lx-open .lx-launch{display:none}' +
    '.lx-head{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;background:#1f6feb;color:#fff}' +
    '.lx-head h2{margin:0;font-size:16px}.lx-head button{background:transparent;border:0;color:#fff;font-size:20px;cursor:pointer}' +
    '.lx-status{padding:4px 14px;font-size:12px;color:#8a5a00;background:#fff8e1}' +
    '.lx-log{flex:1;overflow-y:auto;padding:12px;background:#f6f8fa;margin:0;list-style:none}' +
    '.lx-msg{width:fit-content;max-width:80%;margin:6px 0;padding:8px 10px;border-radius:10px;white-space:pre-wrap;word-break:break-word}' +
    '.lx-customer{margin-left:auto;background:#1f6feb;color:#fff}.lx-bot,.lx-agent,.lx-system{background:#fff;border:1px solid #d0d7de;color:#1f2328}' +
    '.lx-quick{display:flex;flex-wrap:wrap;gap:6px;margin:4px 0 8px}.lx-quick button,.lx-rate button{border:1px solid #1f6feb;background:#fff;color:#1f6feb;border-radius:14px;padding:4px 10px;cursor:pointer}' +
    '.lx-typing{font-size:12px;color:#57606a;padding:0 14px 4px;min-height:18px}' +
    '.lx-rate{display:flex;align-items:center;gap:4px;padding:6px 12px;border-top:1px solid #d0d7de;font-size:12px;flex-wrap:wrap}' +
    '.lx-form{display:flex;gap:8px;padding:10px;border-top:1px solid #d0d7de}.lx-input{flex:1;padding:8px;border:1px solid #8c959f;border-radius:8px;font:inherit}' +
    '.lx-form button{padding:8px 14px;border:0;border-radius:8px;background:#1f6feb;color:#fff;cursor:pointer}' +
    '.lx-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}' +
    '@media (max-width:480px){.lx-root{right:0;bottom:0}.lx-open.lx-root{left:0;top:0}.lx-panel{width:100vw;max-width:100vw;height:100vh;max-height:100vh;border-radius:0}}';
  var style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);

  var root = document.createElement('div');
  root.className = 'lx-root';
  root.setAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
  root.innerHTML =
    '<button type="button" class="lx-launch" aria-label="' + T.open + '" aria-expanded="false">💬</button>' +
    '<section class="lx-panel" role="dialog" aria-label="' + T.title + '">' +
    '<div class="lx-head"><h2>' + T.title + '</h2><button type="button" class="lx-close" aria-label="' + T.close + '">×</button></div>' +
    '<div class="lx-status" role="status" aria-live="polite">' + T.connecting + '</div>' +
    '<ol class="lx-log" role="log" aria-live="polite" aria-label="' + T.log + '"></ol>' +
    '<div class="lx-typing" aria-live="polite"></div>' +
    '<div class="lx-rate" role="group" aria-label="' + T.rate + '"><span>' + T.rate + '</span></div>' +
    '<form class="lx-form"><label class="lx-sr" for="lx-input">' + T.input + '</label>' +
    '<input id="lx-input" class="lx-input" maxlength="2000" autocomplete="off" placeholder="' + T.placeholder + '">' +
    '<button type="submit">' + T.send + '</button></form></section>';
  (document.body || document.documentElement).appendChild(root);

  var launch = root.querySelector('.lx-launch');
  var log = root.querySelector('.lx-log');
  var status = root.querySelector('.lx-status');
  var typing = root.querySelector('.lx-typing');
  var input = root.querySelector('.lx-input');
  var rate = root.querySelector('.lx-rate');
  for (var s = 1; s <= 5; s++) {
    (function (score) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = '★' + score;
      b.setAttribute('aria-label', score + T.star);
      b.addEventListener('click', function () {
        send({ type: 'satisfaction', value: String(score) });
        rate.innerHTML = '<span>' + T.rated + '</span>';
      });
      rate.appendChild(b);
    })(s);
  }

  var state = load();
  var seen = {};
  var socket = null, retry = 0, typingTimer = null, outbox = [];

  function setOpen(open) {
    root.classList.toggle('lx-open', open);
    launch.setAttribute('aria-expanded', String(open));
    if (open) { connect(); input.focus(); } else { launch.focus(); }
  }
  launch.addEventListener('click', function () { setOpen(true); });
  root.querySelector('.lx-close').addEventListener('click', function () { setOpen(false); });
  root.addEventListener('keydown', function (e) { if (e.key === 'Escape') { setOpen(false); } });
  root.querySelector('.lx-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = '';
    send({ type: 'text', text: text });
  });

  function id() { return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10); }

  function send(message) {
    message.id = message.id || id();
    outbox.push(message);
    flush();
    showTyping(true);
  }
  function flush() {
    while (socket && socket.readyState === 1 && outbox.length) {
      socket.send(JSON.stringify(outbox.shift()));
    }
  }
  function showTyping(on) {
    clearTimeout(typingTimer);
    typing.textContent = on ? T.typing : '';
    if (on) { typingTimer = setTimeout(function () { typing.textContent = ''; }, 15000); }
  }

  function render(line) {
    if (seen[line.seq]) { return; }
    seen[line.seq] = true;
    var li = document.createElement('li');
    li.className = 'lx-msg lx-' + line.sender;
    li.setAttribute('data-seq', line.seq);
    var who = document.createElement('span');
    who.className = 'lx-sr';
    who.textContent = (line.sender === 'customer' ? T.you : T.bot) + ': ';
    li.appendChild(who);
    li.appendChild(document.createTextNode(line.text));
    log.appendChild(li);
    log.querySelectorAll('.lx-quick').forEach(function (q) { q.remove(); });
    if (line.sender !== 'customer') {
      showTyping(false);
      if (line.quickReplies && line.quickReplies.length) {
        var group = document.createElement('li');
        group.className = 'lx-quick';
        group.setAttribute('role', 'group');
        group.setAttribute('aria-label', T.quick);
        line.quickReplies.forEach(function (q) {
          var b = document.createElement('button');
          b.type = 'button';
          b.textContent = q.label;
          b.addEventListener('click', function () { send({ type: 'quick_reply', payload: q.payload || q.label }); });
          group.appendChild(b);
        });
        log.appendChild(group);
      }
    }
    if (line.seq > (state.lastSeq || 0)) { state.lastSeq = line.seq; save(state); }
    log.scrollTop = log.scrollHeight;
  }

  function visitor() {
    if (state.token) { return Promise.resolve(state); }
    return fetch(new URL('/api/v1/web/' + encodeURIComponent(channel) + '/visitors', base), { method: 'POST' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (v) { state = { token: v.token, visitorId: v.visitorId, lastSeq: 0 }; save(state); return state; });
  }

  function connect() {
    if (socket && socket.readyState <= 1) { return; }
    status.style.display = '';
    status.textContent = retry ? T.offline : T.connecting;
    visitor().then(function (v) {
      var url = new URL('/ws/web/' + encodeURIComponent(channel), base);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      // on a fresh page everything is shown again (history); after a drop, only what came since
      var after = Object.keys(seen).length ? (state.lastSeq || 0) : 0;
      url.search = '?token=' + encodeURIComponent(v.token) + '&after=' + after;
      socket = new WebSocket(url.toString());
      socket.onopen = function () { retry = 0; };
      socket.onmessage = function (event) {
        var m = JSON.parse(event.data);
        if (m.type === 'ready') { status.style.display = 'none'; flush(); }
        else if (m.type === 'message') { render(m.line); }
        else if (m.type === 'error') {
          if (m.status === 401) { state = {}; save(state); }
          else { showTyping(false); status.style.display = ''; status.textContent = T.failed; }
        }
      };
      socket.onclose = function () {
        socket = null;
        if (!root.classList.contains('lx-open')) { return; }
        retry++;
        status.style.display = '';
        status.textContent = T.offline;
        setTimeout(connect, Math.min(10000, 500 * Math.pow(2, retry)) * (0.5 + Math.random() / 2));
      };
    }).catch(function () {
      retry++;
      status.textContent = T.offline;
      setTimeout(connect, Math.min(10000, 500 * Math.pow(2, retry)));
    });
  }

  if (script.getAttribute('data-open') === 'true') { setOpen(true); }
})();
