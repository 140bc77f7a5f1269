// Lingxi agent console: plain JavaScript, no build step. REST for actions, a WebSocket for live pushes.
(function () {
    'use strict';
    const API = '/api/v1/handoff';
    const TEXT = {
        zh: {
            title: '灵犀坐席工作台', tenant: '租户', username: '用户名', password: '密码', login: '登录', logout: '退出',
            status: '状态', ONLINE: '在线', AWAY: '离开', OFFLINE: '离线', mine: '我的会话', queue: '排队中',
            acceptNext: '接入下一位', tickets: '留言工单', pick: '选择左侧的会话开始服务（Alt+1…9 切换，Alt+N 接入下一位）',
            send: '发送', sendHint: 'Enter 发送，Shift+Enter 换行', customer: '客户', summary: '摘要',
            suggestions: '推荐答案', actions: '操作', note: '备注', transfer: '转接', return: '交回机器人',
            close: '结束会话', overview: '监控', group: '技能组', waiting: '排队', longest: '最长等待(秒)',
            online: '在线', agent: '坐席', load: '负载', accept: '接入', claim: '认领', noSuggestions: '暂无推荐',
            CUSTOMER: '客户', BOT: '机器人', AGENT: '坐席', SYSTEM: '系统', reason: '原因', channel: '渠道',
            intents: '意图', entities: '实体', sentiment: '情绪', call: '通话', vip: 'VIP', name: '姓名',
            transferNote: '转接备注', toGroup: '转至技能组', toAgent: '转给坐席', loginFailed: '登录失败：',
            connected: '实时连接', disconnected: '连接断开，重连中…', offered: '待接受', lang: 'English',
            position: '位'
        },
        en: {
            title: 'Lingxi agent console', tenant: 'Tenant', username: 'Username', password: 'Password', login: 'Log in',
            logout: 'Log out', status: 'Status', ONLINE: 'Online', AWAY: 'Away', OFFLINE: 'Offline',
            mine: 'My conversations', queue: 'Waiting', acceptNext: 'Take next', tickets: 'Left messages',
            pick: 'Pick a conversation on the left (Alt+1…9 to switch, Alt+N to take the next one)', send: 'Send',
            sendHint: 'Enter sends, Shift+Enter for a new line', customer: 'Customer', summary: 'Summary',
            suggestions: 'Suggested answers', actions: 'Actions', note: 'Note', transfer: 'Transfer',
            return: 'Return to bot', close: 'Close', overview: 'Overview', group: 'Group', waiting: 'Waiting',
            longest: 'Longest wait (s)', online: 'Online', agent: 'Agent', load: 'Load', accept: 'Accept',
            claim: 'Claim', noSuggestions: 'No suggestions', CUSTOMER: 'Customer', BOT: 'Bot', AGENT: 'Agent',
            SYSTEM: 'System', reason: 'Reason', channel: 'Channel', intents: 'Intents', entities: 'Entities',
            sentiment: 'Sentiment', call: 'Call', vip: 'VIP', name: 'Name', transferNote: 'Transfer note',
            toGroup: 'To group', toAgent: 'To agent', loginFailed: 'Login failed: ', connected: 'Live',
            disconnected: 'Disconnected, reconnecting…', offered: 'Offered', lang: '中文', position: '#'
        }
    };
    const state = {
        lang: localStorage.getItem('lingxi.console.lang') || 'zh',
        token: sessionStorage.getItem('lingxi.console.token'),
        me: null, roles: [], selected: null, conversations: [], socket: null
    };
    const $ = (id) => document.getElementById(id);
    const t = (key) => (TEXT[state.lang][key] || key);

    function applyLanguage() {
        document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
        document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
        document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
        document.querySelectorAll('.lang-toggle').forEach((el) => { el.textContent = t('lang'); });
        document.title = t('title');
    }

    async function api(method, path, body) {
        const headers = { 'Accept': 'application/json' };
        if (state.token) headers['Authorization'] = 'Bearer ' + state.token;
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        const response = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        if (response.status === 401 && path !== '/auth/login') { logout(); throw new Error('401'); }
        const text = await response.text();
        const data = text ? JSON.parse(text) : null;
        if (!response.ok) throw new Error((data && data.detail) || response.statusText);
        return data;
    }

    function el(tag, attrs, ...children) {
        const node = document.createElement(tag);
        Object.entries(attrs || {}).forEach(([k, v]) => {
            if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
            else node.setAttribute(k, v);
        });
        children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
        return node;
    }

    // ------------------------------------------------------------------------------------------------ login
    $('login-form').addEventListener('submit', async (e) => {
        e.preventDefault();
        $('login-error').textContent = '';
        try {
            const login = await api('POST', '/auth/login', {
                tenant: $('login-tenant').value.trim(), username: $('login-username').value.trim(), password: $('login-password').value
            });
            state.token = login.token;
            sessionStorage.setItem('lingxi.console.token', login.token);
            await start();
        } catch (err) {
            $('login-error').textContent = t('loginFailed') + err.message;
        }
    });

    function logout() {
        state.token = null;
        sessionStorage.removeItem('lingxi.console.token');
        if (state.socket) state.socket.close();
        $('desk-view').hidden = true;
        $('login-view').hidden = false;
    }
    $('logout').addEventListener('click', logout);

    async function start() {
        state.me = await api('GET', '/me');
        const claims = JSON.parse(atob(state.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
        state.roles = claims.groups || [];
        $('login-view').hidden = true;
        $('desk-view').hidden = false;
        $('agent-name').textContent = state.me.name;
        $('status').value = state.me.status;
        $('supervisor').hidden = !state.roles.includes('supervisor');
        connect();
        await refresh();
    }

    // ------------------------------------------------------------------------------------------------ lists
    async function refresh() {
        const [mine, queue, tickets] = await Promise.all([api('GET', '/conversations'), api('GET', '/queue'),
            api('GET', '/tickets')]);
        state.conversations = mine.conversations;
        // re-render only what changed, so that a button is not replaced under the agent's pointer
        const key = JSON.stringify([mine, queue.entries.map((q) => [q.conversationId, q.position, q.priority]), tickets,
            state.selected, state.lang]);
        if (key === state.listKey) { if (state.roles.includes('supervisor')) await overview(); return; }
        state.listKey = key;
        const list = $('conversation-list');
        list.replaceChildren(...mine.conversations.map((c, i) => el('li', {
            tabindex: '0', 'data-conversation': c.conversationId,
            class: c.conversationId === state.selected ? 'selected' : '',
            onclick: () => select(c.conversationId), onkeydown: (e) => { if (e.key === 'Enter') select(c.conversationId); }
        }, el('span', {}, (i < 9 ? (i + 1) + '. ' : '') + short(c.conversationId) + (c.vip ? ' ★' : '') +
            (c.status === 'OFFERED' ? ' (' + t('offered') + ')' : '')),
        c.status === 'OFFERED' ? el('button', { type: 'button', class: 'accept', onclick: (e) => { e.stopPropagation(); accept(c.conversationId); } }, t('accept'))
            : c.unread > 0 ? el('span', { class: 'badge', 'aria-label': 'unread' }, c.unread) : '')));
        $('queue-list').replaceChildren(...queue.entries.map((q) => el('li', { 'data-conversation': q.conversationId },
            el('span', {}, q.position + t('position') + ' · ' + q.skillGroup + ' · ' + short(q.conversationId) +
                (q.priority !== 'NORMAL' ? ' · ' + q.priority : '') + ' · ' + q.waitingSeconds + 's'),
            el('button', { type: 'button', class: 'accept', 'data-conversation': q.conversationId,
                onclick: () => accept(q.conversationId) }, t('accept')))));
        $('ticket-list').replaceChildren(...tickets.tickets.map((k) => el('li', {},
            el('span', {}, k.text.slice(0, 40)),
            el('button', { type: 'button', onclick: () => api('POST', '/tickets/' + k.id + '/claim').then(refresh) }, t('claim')))));
        if (state.roles.includes('supervisor')) await overview();
    }

    async function overview() {
        const o = await api('GET', '/overview');
        document.querySelector('#queue-stats tbody').replaceChildren(...o.queues.map((q) =>
            el('tr', {}, el('td', {}, q.skillGroup), el('td', {}, q.waiting), el('td', {}, q.longestWaitSeconds), el('td', {}, q.agentsOnline))));
        document.querySelector('#agent-loads tbody').replaceChildren(...o.agents.map((a) =>
            el('tr', {}, el('td', {}, a.name), el('td', {}, t(a.status)), el('td', {}, a.load + '/' + a.maxConcurrent))));
    }

    const short = (id) => id.length > 14 ? id.slice(0, 14) + '…' : id;

    async function accept(conversationId) {
        try {
            await api('POST', '/conversations/' + encodeURIComponent(conversationId) + '/accept');
            await refresh();
            await select(conversationId);
        } catch (err) {
            $('action-error').textContent = err.message;
            alertLive(err.message);
        }
    }

    function alertLive(message) { $('live').textContent = message; }

    $('accept-next').addEventListener('click', async () => {
        try {
            const next = await api('POST', '/conversations/accept-next');
            await refresh();
            if (next) await select(next.conversationId);
        } catch (err) { alertLive(err.message); }
    });

    $('status').addEventListener('change', async () => {
        state.me = await api('PUT', '/me/status', { status: $('status').value });
        await refresh();
    });

    // ------------------------------------------------------------------------------------------- conversation
    async function select(conversationId) {
        state.selected = conversationId;
        const d = await api('GET', '/conversations/' + encodeURIComponent(conversationId));
        $('chat-empty').hidden = true;
        $('chat-body').hidden = false;
        $('panel').hidden = false;
        $('action-error').textContent = '';
        $('chat-title').textContent = conversationId + ' · ' + d.channelId + (d.channelType ? ' (' + d.channelType + ')' : '');
        $('transcript').replaceChildren(...d.transcript.map(lineItem));
        scrollDown();
        const customer = d.customer || {};
        $('customer-panel').replaceChildren(...pairs([[t('name'), customer.name], [t('vip'), d.vip ? (customer.vipLevel || '✓') : '—'],
            ['ID', d.customerId], [t('channel'), d.channelId], [t('call'), d.callId]]));
        const s = d.summary || {};
        $('summary-panel').replaceChildren(...pairs([[t('reason'), d.reason], [t('intents'), (s.intents || []).join(', ')],
            [t('entities'), (s.entities || []).map((e) => e.type + '=' + e.value).join(', ')],
            [t('sentiment'), s.sentiment ? s.sentiment.label + (s.sentiment.average != null ? ' (' + s.sentiment.average + ')' : '') : ''],
            [t('transferNote'), d.transferNote]]));
        document.querySelectorAll('#conversation-list li').forEach((li) =>
            li.classList.toggle('selected', li.dataset.conversation === conversationId));
        await transferTargets();
        suggestions();
        $('composer').focus();
        refresh();
    }

    function pairs(rows) {
        return rows.filter(([, v]) => v != null && v !== '').flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]);
    }

    function lineItem(line) {
        return el('li', { class: line.sender, 'data-id': line.id }, el('span', { class: 'who' }, t(line.sender)), line.text);
    }

    function scrollDown() { const tr = $('transcript'); tr.scrollTop = tr.scrollHeight; }

    async function transferTargets() {
        const [groups, agents] = await Promise.all([api('GET', '/skill-groups'), api('GET', '/agents')]);
        $('transfer-target').replaceChildren(
            ...groups.map((g) => el('option', { value: 'group:' + g.code }, t('toGroup') + ': ' + g.name)),
            ...agents.filter((a) => a.id !== state.me.id && a.status === 'ONLINE')
                .map((a) => el('option', { value: 'agent:' + a.id }, t('toAgent') + ': ' + a.name + ' (' + a.load + '/' + a.maxConcurrent + ')')));
    }

    async function suggestions() {
        const list = $('suggestions');
        list.replaceChildren(el('li', { class: 'muted' }, '…'));
        try {
            const s = await api('GET', '/conversations/' + encodeURIComponent(state.selected) + '/suggestions');
            list.replaceChildren(...(s.suggestions.length ? s.suggestions.map((x) => el('li', {
                tabindex: '0', title: x.question,
                onclick: () => insert(x.answer), onkeydown: (e) => { if (e.key === 'Enter') insert(x.answer); }
            }, x.answer)) : [el('li', { class: 'muted' }, t('noSuggestions'))]));
        } catch (err) { list.replaceChildren(el('li', { class: 'muted' }, t('noSuggestions'))); }
    }

    function insert(text) { $('composer').value = text; $('composer').focus(); }

    $('composer-form').addEventListener('submit', (e) => { e.preventDefault(); send(); });
    $('composer').addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); send(); }
    });

    async function send() {
        const text = $('composer').value.trim();
        if (!text || !state.selected) return;
        try {
            const sent = await api('POST', '/conversations/' + encodeURIComponent(state.selected) + '/messages', { text });
            $('composer').value = '';
            appendLine(state.selected, sent.line);
        } catch (err) { $('action-error').textContent = err.message; }
    }

    function appendLine(conversationId, line) {
        if (conversationId !== state.selected || document.querySelector('#transcript li[data-id="' + CSS.escape(line.id) + '"]')) return;
        $('transcript').append(lineItem(line));
        scrollDown();
    }

    async function act(path, body) {
        try {
            await api('POST', '/conversations/' + encodeURIComponent(state.selected) + path, body);
            state.selected = null;
            $('chat-body').hidden = true; $('panel').hidden = true; $('chat-empty').hidden = false;
            await refresh();
        } catch (err) { $('action-error').textContent = err.message; }
    }
    $('transfer').addEventListener('click', () => {
        const [kind, id] = $('transfer-target').value.split(/:(.*)/s);
        const note = $('transfer-note').value;
        act('/transfer', kind === 'agent' ? { agentId: id, note } : { skillGroup: id, note });
    });
    $('return').addEventListener('click', () => act('/return', {}));
    $('close').addEventListener('click', () => act('/close', {}));

    // ------------------------------------------------------------------------------------------------- live
    function connect() {
        const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + API + '/console/ws?token=' + encodeURIComponent(state.token);
        const socket = new WebSocket(url);
        state.socket = socket;
        socket.onopen = () => alertLive(t('connected'));
        socket.onmessage = (event) => {
            const m = JSON.parse(event.data);
            if (m.type === 'line') {
                if (m.conversationId === state.selected) appendLine(m.conversationId, m.line);
                if (m.line.sender === 'CUSTOMER') refresh();
            } else if (m.type === 'changed') {
                refresh();
            }
        };
        socket.onclose = () => {
            if (state.socket !== socket || !state.token) return;
            alertLive(t('disconnected'));
            setTimeout(() => { if (state.token) connect(); }, 2000);
        };
    }

    // -------------------------------------------------------------------------------------------- keyboard
    document.addEventListener('keydown', (e) => {
        if (!state.token || $('desk-view').hidden) return;
        if (e.altKey && /^[1-9]$/.test(e.key)) {
            const c = state.conversations[Number(e.key) - 1];
            if (c) { e.preventDefault(); select(c.conversationId); }
        } else if (e.altKey && (e.key === 'n' || e.key === 'N')) {
            e.preventDefault(); $('accept-next').click();
        } else if (e.altKey && (e.key === 's' || e.key === 'S')) {
            e.preventDefault(); $('status').focus();
        } else if (e.key === 'Escape') {
            $('composer').focus();
        }
    });

    document.querySelectorAll('.lang-toggle').forEach((b) => b.addEventListener('click', () => {
        state.lang = state.lang === 'zh' ? 'en' : 'zh';
        localStorage.setItem('lingxi.console.lang', state.lang);
        applyLanguage();
        if (state.selected) select(state.selected);
    }));

    applyLanguage();
    if (state.token) start().catch(logout);
})();
