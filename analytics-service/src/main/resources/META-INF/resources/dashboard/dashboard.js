// Lingxi analytics dashboard: reads GET /api/v1/analytics/kpis with the analyst's JWT and draws it with Chart.js.
// Every value from the server is written with textContent or as chart data, never as HTML.
(function () {
    'use strict';

    const TEXT = {
        zh: {
            title: '灵犀 · 数据看板', tokenLabel: '访问令牌（分析员 JWT）', login: '登录', logout: '退出',
            from: '开始日期', to: '结束日期', channel: '渠道', granularity: '粒度', day: '按天', hour: '按小时',
            apply: '查询', live: '实时刷新', conversations: '会话数', messages: '消息数', containment: '机器人解决率',
            handoffRate: '转人工率', fallbackRate: '未识别率', csat: '满意度（1–5）', wait: '平均等待（秒）',
            volume: '会话量趋势', channels: '渠道分布', sentiment: '情绪分布', satisfaction: '满意度分布',
            intents: '热门意图', hotTopics: '热点问题（知识库命中）', unanswered: '未解答问题', handoffs: '转人工',
            updated: '更新于', firstResponse: '人工首次响应（秒）', handle: '人工平均处理（秒）',
            botReply: '机器人首次回复（秒）', hits: '命中次数', variants: '种问法',
            positive: '正面', neutral: '中性', negative: '负面', score: '分', count: '次数',
            noToken: '请输入访问令牌。', unauthorized: '令牌无效或已过期，请重新登录。',
            forbidden: '该令牌没有分析员权限。', failed: '数据加载失败，请稍后重试。', none: '暂无'
        },
        en: {
            title: 'Lingxi · Dashboard', tokenLabel: 'Access token (analyst JWT)', login: 'Log in', logout: 'Log out',
            from: 'From', to: 'To', channel: 'Channel', granularity: 'Granularity', day: 'Daily', hour: 'Hourly',
            apply: 'Apply', live: 'Live refresh', conversations: 'Conversations', messages: 'Messages',
            containment: 'Bot containment', handoffRate: 'Handoff rate', fallbackRate: 'Fallback rate',
            csat: 'CSAT (1–5)', wait: 'Average wait (s)', volume: 'Volume over time', channels: 'Channel mix',
            sentiment: 'Sentiment', satisfaction: 'Satisfaction', intents: 'Top intents',
            hotTopics: 'Hot topics (knowledge hits)', unanswered: 'Unanswered questions', handoffs: 'Handoffs',
            updated: 'Updated', firstResponse: 'Agent first response (s)', handle: 'Agent handle time (s)',
            botReply: 'Bot first reply (s)', hits: 'Hits', variants: 'wordings',
            positive: 'Positive', neutral: 'Neutral', negative: 'Negative', score: 'score', count: 'Count',
            noToken: 'Enter an access token.', unauthorized: 'The token is invalid or expired; log in again.',
            forbidden: 'This token has no analyst role.', failed: 'Could not load the data; retry later.', none: 'None'
        }
    };
    const REFRESH_MILLIS = 15000;
    const params = new URLSearchParams(location.search);
    let lang = params.get('lang') || localStorage.getItem('lingxi.lang') || 'zh';
    if (!TEXT[lang]) {
        lang = 'zh';
    }
    let token = sessionStorage.getItem('lingxi.analyst.token');
    let timer = null;
    const charts = {};
    const $ = (id) => document.getElementById(id);
    const t = (key) => TEXT[lang][key] || key;

    // a token may be handed over in the fragment (#token=…), which never reaches the server
    if (location.hash.startsWith('#token=')) {
        token = decodeURIComponent(location.hash.substring(7));
        sessionStorage.setItem('lingxi.analyst.token', token);
        history.replaceState(null, '', location.pathname + location.search);
    }

    function translate() {
        document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
        document.title = t('title');
        document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    }

    function isoDate(d) {
        return d.toISOString().substring(0, 10);
    }

    function defaultDates() {
        const today = new Date();
        const weekAgo = new Date(today.getTime() - 6 * 86400000);
        $('from').value = $('from').value || isoDate(weekAgo);
        $('to').value = $('to').value || isoDate(today);
    }

    function show(loggedIn, message) {
        $('login').hidden = loggedIn;
        $('board').hidden = !loggedIn;
        $('logout').hidden = !loggedIn;
        $('message').textContent = message || '';
        document.body.dataset.state = loggedIn ? 'loading' : 'login';
    }

    function percent(value) {
        return value === null || value === undefined ? '–' : (value * 100).toFixed(1) + '%';
    }

    function seconds(millis) {
        return millis === null || millis === undefined ? '–' : (millis / 1000).toFixed(1);
    }

    function chart(id, type, data, options) {
        if (charts[id]) {
            charts[id].data = data;
            charts[id].update();
            return;
        }
        charts[id] = new Chart($(id), { type: type, data: data, options: Object.assign({ animation: false }, options) });
    }

    function render(report) {
        const totals = report.totals;
        $('kpi-conversations').textContent = totals.conversations;
        $('kpi-messages').textContent = totals.messages;
        $('kpi-containment').textContent = percent(totals.containmentRate);
        $('kpi-handoff').textContent = percent(totals.handoffRate);
        $('kpi-fallback').textContent = percent(totals.fallbackRate);
        $('kpi-csat').textContent = report.satisfaction.average === null ? '–' : report.satisfaction.average.toFixed(2);
        $('kpi-wait').textContent = seconds(totals.averageWaitMillis);
        $('kpi-first-response').textContent = seconds(totals.averageFirstResponseMillis);
        $('kpi-handle').textContent = seconds(totals.averageHandleMillis);
        $('kpi-bot-reply').textContent = seconds(totals.averageBotFirstReplyMillis);

        const labels = report.series.map((p) => report.granularity === 'hour'
            ? p.bucket.substring(5, 16).replace('T', ' ') : p.bucket.substring(0, 10));
        chart('chart-volume', 'line', {
            labels: labels,
            datasets: [
                { label: t('conversations'), data: report.series.map((p) => p.conversations) },
                { label: t('messages'), data: report.series.map((p) => p.messages) },
                { label: t('handoffs'), data: report.series.map((p) => p.handoffs) }
            ]
        }, { scales: { y: { beginAtZero: true } } });
        chart('chart-channels', 'pie', {
            labels: report.channels.map((c) => c.channelId),
            datasets: [{ data: report.channels.map((c) => c.messages) }]
        });
        const sentiment = Object.keys(report.sentiment);
        chart('chart-sentiment', 'doughnut', {
            labels: sentiment.map((s) => t(s)),
            datasets: [{ data: sentiment.map((s) => report.sentiment[s]) }]
        });
        const scores = Object.keys(report.satisfaction.distribution);
        chart('chart-csat', 'bar', {
            labels: scores.map((s) => s + ' ' + t('score')),
            datasets: [{ label: t('count'), data: scores.map((s) => report.satisfaction.distribution[s]) }]
        }, { scales: { y: { beginAtZero: true } } });
        chart('chart-intents', 'bar', {
            labels: report.topIntents.map((i) => i.name),
            datasets: [{ label: t('count'), data: report.topIntents.map((i) => i.count) }]
        }, { indexAxis: 'y', scales: { x: { beginAtZero: true } } });

        chart('chart-topics', 'bar', {
            labels: report.hotTopics.map((h) => h.question || h.entryId),
            datasets: [{ label: t('hits'), data: report.hotTopics.map((h) => h.hits) }]
        }, { indexAxis: 'y', scales: { x: { beginAtZero: true } } });

        const unanswered = $('unanswered');
        unanswered.replaceChildren();
        (report.unansweredQuestions.length ? report.unansweredQuestions : [{ question: t('none'), count: 0 }])
            .forEach((q) => {
                const item = document.createElement('li');
                item.textContent = !q.count ? q.question : q.question + ' (' + q.count
                    + (q.variants > 1 ? ', ' + q.variants + ' ' + t('variants') : '') + ')';
                unanswered.appendChild(item);
            });
        $('updated').textContent = t('updated') + ' ' + new Date().toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en');
        document.body.dataset.state = 'ready';
        document.body.dataset.points = String(report.series.length);
    }

    async function load() {
        const query = new URLSearchParams({ from: $('from').value, to: $('to').value, granularity: $('granularity').value });
        if ($('channel').value.trim()) {
            query.set('channel', $('channel').value.trim());
        }
        try {
            const response = await fetch('/api/v1/analytics/kpis?' + query, { headers: { Authorization: 'Bearer ' + token } });
            if (response.status === 401 || response.status === 403) {
                logout(t(response.status === 401 ? 'unauthorized' : 'forbidden'));
                return;
            }
            if (!response.ok) {
                const problem = await response.json().catch(() => ({}));
                $('updated').textContent = problem.detail || t('failed');
                document.body.dataset.state = 'error';
                return;
            }
            render(await response.json());
        } catch (e) {
            $('updated').textContent = t('failed');
            document.body.dataset.state = 'error';
        }
    }

    function schedule() {
        clearInterval(timer);
        if ($('live').checked) {
            timer = setInterval(load, REFRESH_MILLIS);
        }
    }

    function logout(message) {
        token = null;
        sessionStorage.removeItem('lingxi.analyst.token');
        clearInterval(timer);
        show(false, message);
    }

    function start() {
        show(true);
        defaultDates();
        load();
        schedule();
    }

    document.querySelectorAll('[data-lang]').forEach((button) => button.addEventListener('click', () => {
        lang = button.dataset.lang;
        localStorage.setItem('lingxi.lang', lang);
        translate();
        if (token) {
            Object.keys(charts).forEach((id) => { charts[id].destroy(); delete charts[id]; });
            load();
        }
    }));
    $('login-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const value = $('token').value.trim();
        if (!value) {
            $('message').textContent = t('noToken');
            return;
        }
        token = value;
        sessionStorage.setItem('lingxi.analyst.token', token);
        $('token').value = '';
        start();
    });
    $('filters').addEventListener('submit', (event) => { event.preventDefault(); load(); });
    $('live').addEventListener('change', schedule);
    $('logout').addEventListener('click', () => logout(''));

    translate();
    if (token) {
        start();
    } else {
        show(false);
    }
}());
