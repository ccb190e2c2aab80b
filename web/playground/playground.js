/*
 * Learning Loop playground: plays Microsoft Teams in the browser. Plain browser JavaScript, no build step.
 *
 * What you type goes to the app's own /api/messages as a Teams `message` activity; card buttons send what
 * Teams sends (Action.Execute → an `adaptiveCard/action` invoke whose answer replaces the card for you).
 * What the bot sends arrives from the playground connector over server-sent events (/playground/events).
 * Cards with a `refresh` are refreshed for the person you are, as Teams does for the ids in `userIds`.
 * A button that asks for a dialog (Action.Submit with `msteams: { type: 'task/fetch' }`) opens it as an
 * overlay, as Teams opens a task module: `task/fetch` for its first card, `task/submit` for each button in it.
 */
'use strict'
;(function () {
  const AC = window.AdaptiveCards
  const CARD = 'application/vnd.microsoft.card.adaptive'
  const BOT = { id: '28:learning-loop', name: 'Learning Loop' }
  const STORAGE_KEY = 'learning-loop-playground.person'
  /**
   * The transcript this browser saw, so a demo can be resumed after a reload or a restart of the app: each
   * person's own messages (which only the page has), the bot's messages as received and the cards as each
   * person last saw them. It stays in this browser (localStorage), never on the server's disk.
   */
  const TRANSCRIPT_KEY = 'learning-loop-playground.transcript.v1'
  const KEEP_PER_CONVERSATION = 200
  const $ = (id) => document.getElementById(id)

  const state = {
    serviceUrl: '',
    people: [],
    me: null,
    /** conversationId -> Map(messageId -> message), from the connector. */
    messages: new Map(),
    /** conversationId -> [{ at, text }]: what you typed (only the page keeps it, in the transcript). */
    mine: new Map(),
    /** person|conversation|message -> { version, card, seq }: the card Teams would show this person. */
    overlays: new Map(),
    inflight: new Set(),
    seq: 0,
    /** A standing problem to show (e.g. the bot expects signed requests). */
    problem: '',
  }

  // ------------------------------------------------------------------ Adaptive Cards, Teams-like

  const colours = {
    default: { default: '#242424', subtle: '#616161' },
    dark: { default: '#242424', subtle: '#424242' },
    light: { default: '#FFFFFF', subtle: '#F5F5F5' },
    accent: { default: '#6264A7', subtle: '#8B8CC7' },
    good: { default: '#237B4B', subtle: '#4A9C6E' },
    warning: { default: '#835C00', subtle: '#9D7600' },
    attention: { default: '#C4314B', subtle: '#D6687B' },
  }
  const hostConfig = new AC.HostConfig({
    fontFamily: "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif",
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#E0E0E0' },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    containerStyles: {
      default: { backgroundColor: '#FFFFFF', foregroundColors: colours },
      emphasis: { backgroundColor: '#F5F5F5', foregroundColors: colours },
      accent: { backgroundColor: '#E8EBFA', foregroundColors: colours },
      good: { backgroundColor: '#E7F2DA', foregroundColors: colours },
      attention: { backgroundColor: '#FCF4F6', foregroundColors: colours },
      warning: { backgroundColor: '#FBF6D9', foregroundColors: colours },
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      showCard: { actionMode: 'inline', inlineTopMargin: 12, style: 'emphasis' },
    },
    adaptiveCard: { allowCustomStyle: false },
    inputs: {
      label: {
        requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
        optionalInputs: { weight: 'bolder' },
      },
      errorMessage: { color: 'attention', size: 'small' },
    },
    factSet: {
      title: { color: 'default', size: 'default', isSubtle: true, weight: 'default', wrap: true, maxWidth: 170 },
      value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 12,
    },
  })

  /** The small Markdown subset Teams shows in a TextBlock; everything is escaped first. */
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    const escaped = String(text).replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
    )
    result.outputHtml = escaped.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/\r?\n/g, '<br>')
    result.didProcess = true
  }

  // The package reads an empty Input.Number as NaN and so refuses it against its min and max, which blocks every
  // button of a card with an optional number left blank; Teams sends such a card. Empty is unset, as Teams treats it.
  const numberIsValid = AC.NumberInput.prototype.isValid
  AC.NumberInput.prototype.isValid = function () {
    return Number.isNaN(this.value) ? !this.isRequired : numberIsValid.call(this)
  }

  function renderCard(json, onAction) {
    const card = new AC.AdaptiveCard()
    card.hostConfig = hostConfig
    card.onExecuteAction = onAction
    try {
      card.parse(json)
      const element = card.render()
      if (element) return element
    } catch (error) {
      console.error('card could not be rendered', error)
    }
    return el('p', 'card-error', 'This card could not be shown.')
  }

  // ------------------------------------------------------------------ small helpers

  function el(tag, className, text) {
    const node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }
  const time = (iso) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
  const uuid = () =>
    crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)
  const conversation = (id) => {
    if (!state.messages.has(id)) state.messages.set(id, new Map())
    return state.messages.get(id)
  }
  const overlayKey = (person, msg) => `${person.key}|${msg.conversationId}|${msg.id}`
  const channelId = () =>
    state.me && state.me.channel && state.me.channel.playground ? state.me.channel.conversationId : null
  const paneFor = (conversationId) => {
    if (!state.me) return null
    if (conversationId === state.me.conversationId) return $('chat')
    if (conversationId === channelId()) return $('channel')
    return null
  }

  function setStatus(text, isError) {
    const status = $('status')
    status.textContent = text || ''
    status.classList.toggle('error', Boolean(isError))
  }

  function showProblem(text) {
    const problem = $('problem')
    problem.textContent = text
    problem.hidden = !text
  }

  // ------------------------------------------------------------------ the transcript (localStorage)

  let saving = null
  function saveTranscript() {
    if (saving) return
    saving = setTimeout(() => {
      saving = null
      const last = (list) => list.slice(-KEEP_PER_CONVERSATION)
      const transcript = {
        messages: [...state.messages].map(([id, msgs]) => [id, last([...msgs.values()])]),
        mine: [...state.mine].map(([id, items]) => [id, last(items)]),
        overlays: [...state.overlays].slice(-KEEP_PER_CONVERSATION * 4),
      }
      try {
        localStorage.setItem(TRANSCRIPT_KEY, JSON.stringify(transcript))
      } catch {
        /* full, or private mode */
      }
    }, 50)
  }

  function loadTranscript() {
    let transcript = null
    try {
      transcript = JSON.parse(localStorage.getItem(TRANSCRIPT_KEY) || 'null')
    } catch {
      /* unreadable: start afresh */
    }
    if (!transcript) return
    for (const [id, msgs] of transcript.messages || []) for (const msg of msgs) conversation(id).set(msg.id, msg)
    for (const [id, items] of transcript.mine || []) state.mine.set(id, items)
    for (const [key, overlay] of transcript.overlays || []) {
      state.overlays.set(key, overlay)
      state.seq = Math.max(state.seq, overlay.seq || 0)
    }
  }

  // ------------------------------------------------------------------ talking to the bot

  function activity(conv, extra) {
    const me = state.me
    const now = new Date()
    return {
      id: uuid(),
      channelId: 'msteams',
      serviceUrl: state.serviceUrl,
      timestamp: now.toISOString(),
      localTimestamp: now.toISOString(),
      locale: 'en-GB',
      from: { id: me.teamsUserId, name: me.name, aadObjectId: me.aadObjectId },
      recipient: BOT,
      conversation: conv,
      channelData: { tenant: { id: me.tenantId } },
      ...extra,
    }
  }

  /** The conversation a card lives in, as Teams describes it in the activity. */
  function conversationOf(msg) {
    const me = state.me
    if (msg.conversationId === channelId()) {
      return {
        id: `${msg.conversationId};messageid=${msg.id}`,
        conversationType: 'channel',
        isGroup: true,
        tenantId: me.tenantId,
        name: 'Case Review Group',
      }
    }
    return { id: me.conversationId, conversationType: 'personal', tenantId: me.tenantId }
  }

  async function post(body) {
    const res = await fetch('/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`The bot answered HTTP ${res.status}. Check the app's log.`)
    try {
      return text ? JSON.parse(text) : null
    } catch {
      return null
    }
  }

  async function sendText(text) {
    const me = state.me
    if (!me) return
    const mine = state.mine.get(me.conversationId) || []
    const item = { at: new Date().toISOString(), text }
    mine.push(item)
    state.mine.set(me.conversationId, mine)
    saveTranscript()
    appendNode($('chat'), ownNode(item))
    setStatus('Learning Loop is typing…')
    try {
      await post(
        activity(
          { id: me.conversationId, conversationType: 'personal', tenantId: me.tenantId },
          { type: 'message', text, textFormat: 'plain' },
        ),
      )
      setStatus('')
    } catch (error) {
      setStatus(error.message, true)
    }
  }

  /** Action.Execute: the invoke Teams sends; the card in the answer replaces this card for this person. */
  async function execute(msg, verb, data, trigger) {
    const me = state.me
    if (!me) return
    const key = overlayKey(me, msg)
    if (state.inflight.has(key)) return
    state.inflight.add(key)
    const versionAtStart = msg.version
    setBusy(msg, true)
    if (trigger === 'manual') setStatus('Working…')
    try {
      const body = await post(
        activity(conversationOf(msg), {
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: msg.id,
          value: { action: { type: 'Action.Execute', verb, data }, trigger },
        }),
      )
      if (body && body.type === CARD && body.value) {
        // A refresh answers for the card as it was; a press replaces whatever the person sees now.
        const version = trigger === 'manual' ? latest(msg).version : versionAtStart
        state.overlays.set(key, { version, card: body.value, seq: ++state.seq })
        saveTranscript()
        if (trigger === 'manual') setStatus('')
      } else if (body && typeof body.value === 'string') {
        setStatus(body.value)
      } else if (trigger === 'manual') {
        setStatus('')
      }
    } catch (error) {
      setStatus(error.message, true)
    } finally {
      state.inflight.delete(key)
      setBusy(msg, false)
      redraw(latest(msg))
    }
  }

  /** Action.Submit (clients without Universal Actions): a message with the data as its value. */
  async function submit(msg, data) {
    setStatus('Learning Loop is typing…')
    try {
      await post(activity(conversationOf(msg), { type: 'message', value: data }))
      setStatus('')
    } catch (error) {
      setStatus(error.message, true)
    }
  }

  // ------------------------------------------------------------------ dialogs (task modules)

  const task = { conversation: null, busy: false, opener: null }

  function closeTask() {
    $('task').hidden = true
    $('task-body').replaceChildren()
    task.conversation = null
    if (task.opener && document.contains(task.opener)) task.opener.focus()
    task.opener = null
  }

  /** Shows what the bot answered a task invoke with: a card (continue) or a short message (message). */
  function showTask(answer) {
    const box = document.querySelector('#task .task')
    const body = $('task-body')
    $('task-status').textContent = ''
    if (answer?.type === 'continue' && answer.value?.card) {
      const value = answer.value
      box.className = `task size-${['small', 'medium', 'large'].includes(value.height) ? value.height : 'medium'}`
      $('task-title').textContent = value.title || 'Learning Loop'
      body.replaceChildren(renderCard(value.card.content, onTaskAction))
      body.scrollTop = 0
      const first = body.querySelector('input, select, textarea, button')
      if (first) first.focus()
      return
    }
    // Teams shows a task's closing message in a small box (under the dialog's title); the outcome itself
    // arrives in the chat.
    box.className = 'task size-small'
    const done = el('button', 'ac-pushButton style-positive', 'OK')
    done.type = 'button'
    done.addEventListener('click', closeTask)
    const text = typeof answer?.value === 'string' ? answer.value : 'Done.'
    const buttons = el('p', 'task-buttons')
    buttons.append(done)
    body.replaceChildren(el('p', 'task-message', text), buttons)
    done.focus()
  }

  /** Sends a task module invoke, as Teams does, and shows the answer in the overlay. */
  async function taskInvoke(name, data) {
    if (task.busy || !task.conversation) return
    task.busy = true
    const box = document.querySelector('#task .task')
    box.classList.add('busy')
    $('task-status').textContent = name === 'task/fetch' ? 'Opening…' : 'Saving…'
    try {
      const body = await post(
        activity(task.conversation, { type: 'invoke', name, value: { data, context: { theme: 'default' } } }),
      )
      showTask(body?.task)
    } catch (error) {
      $('task-status').textContent = error.message
    } finally {
      task.busy = false
      box.classList.remove('busy')
    }
  }

  function openTask(msg, data, opener) {
    task.conversation = conversationOf(msg)
    task.opener = opener || document.activeElement
    $('task').hidden = false
    $('task-title').textContent = 'Learning Loop'
    $('task-body').replaceChildren()
    void taskInvoke('task/fetch', data)
  }

  /** A button inside the dialog: Action.Submit sends the inputs and its data as `task/submit`. */
  function onTaskAction(action) {
    if (action instanceof AC.SubmitAction) void taskInvoke('task/submit', action.data || {})
    else if (action instanceof AC.OpenUrlAction && action.url) window.open(action.url, '_blank', 'noopener')
  }

  $('task-close').addEventListener('click', closeTask)
  $('task').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeTask()
  })

  const asksForTask = (data) => data?.msteams?.type === 'task/fetch'

  function onAction(msg, action) {
    if (action instanceof AC.SubmitAction && asksForTask(action.data)) openTask(latest(msg), action.data)
    else if (action instanceof AC.ExecuteAction) void execute(latest(msg), action.verb, action.data || {}, 'manual')
    else if (action instanceof AC.SubmitAction) void submit(latest(msg), action.data || {})
    else if (action instanceof AC.OpenUrlAction && action.url) window.open(action.url, '_blank', 'noopener')
  }

  /** Teams refreshes a card with `refresh` automatically for the people in its userIds (all, if none). */
  function autoRefreshes(card, me) {
    const ids = card.refresh && card.refresh.userIds
    return (
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.includes(me.teamsUserId) ||
      ids.includes(`8:orgid:${me.aadObjectId}`)
    )
  }

  function maybeRefresh(msg, manual) {
    const me = state.me
    const card = msg.cards[0]
    if (!me || !card || !card.refresh || !card.refresh.action) return
    const action = card.refresh.action
    if (action.type !== 'Action.Execute') return
    const overlay = state.overlays.get(overlayKey(me, msg))
    if (!manual && overlay && overlay.version === msg.version) return
    if (!manual && !autoRefreshes(card, me)) return
    void execute(msg, action.verb, action.data || {}, manual ? 'manual' : 'automatic')
  }

  // ------------------------------------------------------------------ drawing

  const latest = (msg) => conversation(msg.conversationId).get(msg.id) || msg
  const nodeOf = (msg) => {
    const pane = paneFor(msg.conversationId)
    return pane ? pane.querySelector(`[data-id="${CSS.escape(msg.id)}"]`) : null
  }

  function setBusy(msg, busy) {
    const node = nodeOf(msg)
    if (!node) return
    node.classList.toggle('busy', busy)
    node.setAttribute('aria-busy', busy ? 'true' : 'false')
  }

  function meta(who, at, extra) {
    const line = el('p', 'meta')
    line.append(el('strong', '', who), ` ${time(at)}`)
    if (extra) line.append(el('span', 'edited', ` ${extra}`))
    return line
  }

  function ownNode(item) {
    const node = el('article', 'msg me')
    node.append(meta('You', item.at), el('p', 'text', item.text))
    return node
  }

  function drawMessage(node, msg) {
    const me = state.me
    const overlay = me ? state.overlays.get(overlayKey(me, msg)) : undefined
    const usable = overlay && overlay.version === msg.version ? overlay : null
    const signature = `${me ? me.key : ''}|${msg.version}|${usable ? usable.seq : 0}`
    if (node.dataset.signature === signature) return
    node.dataset.signature = signature
    node.replaceChildren(meta('Learning Loop', msg.at, msg.version > 1 ? '(updated)' : ''))
    if (msg.text) node.append(el('p', 'text', msg.text))
    for (const json of usable ? [usable.card] : msg.cards) {
      const wrap = el('div', 'card')
      wrap.append(renderCard(json, (action) => onAction(msg, action)))
      node.append(wrap)
    }
    const card = msg.cards[0]
    if (!usable && me && card && card.refresh && !autoRefreshes(card, me)) {
      // Teams offers others a manual refresh from the message menu.
      const button = el('button', 'link', 'Refresh card')
      button.type = 'button'
      button.addEventListener('click', () => maybeRefresh(latest(msg), true))
      node.append(button)
    }
  }

  function messageNode(msg) {
    const node = el('article', 'msg bot')
    node.dataset.id = msg.id
    drawMessage(node, msg)
    return node
  }

  function redraw(msg) {
    const node = nodeOf(msg)
    if (node) drawMessage(node, msg)
  }

  function appendNode(pane, node) {
    const empty = pane.querySelector('.empty')
    if (empty) empty.remove()
    pane.append(node)
    pane.scrollTop = pane.scrollHeight
  }

  function drawPane(pane, conversationId, emptyText) {
    pane.replaceChildren()
    const items = [...conversation(conversationId).values()].map((msg) => ({ at: msg.at, msg }))
    for (const item of state.mine.get(conversationId) || []) items.push({ at: item.at, own: item })
    items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    if (!items.length) pane.append(el('p', 'empty', emptyText))
    for (const item of items) pane.append(item.msg ? messageNode(item.msg) : ownNode(item.own))
    pane.scrollTop = pane.scrollHeight
    for (const item of items) if (item.msg) maybeRefresh(item.msg)
  }

  function drawAll() {
    const me = state.me
    if (!me) return
    drawPane($('chat'), me.conversationId, `Say "hi" to start, ${me.name.split(' ')[0]}.`)
    const note = $('channel-note')
    if (me.channel && !me.channel.playground) {
      note.textContent =
        'This partnership\u2019s Case Review Group uses a real Teams channel, so its cards go there, not here.'
      $('channel').replaceChildren()
    } else {
      note.textContent = 'Screening cards are posted here. Each person sees the card as Teams would show it to them.'
      drawPane($('channel'), channelId(), 'No screening cards yet. Raise a referral to see one.')
    }
  }

  function receive(msg) {
    conversation(msg.conversationId).set(msg.id, msg)
    saveTranscript()
    const pane = paneFor(msg.conversationId)
    if (!pane) return
    const node = pane.querySelector(`[data-id="${CSS.escape(msg.id)}"]`)
    if (node) drawMessage(node, msg)
    else appendNode(pane, messageNode(msg))
    maybeRefresh(msg)
  }

  // ------------------------------------------------------------------ people

  function describe(p) {
    const parts = [p.jobTitle, p.agency || 'partnership-wide (no agency)']
    const roles = (p.roleLabels || p.roles).join(', ')
    if (roles) parts.push(`roles: ${roles}`)
    if (p.chairs.length) parts.push(`chairs the ${p.chairs.join(', ')}`)
    return parts.join(' · ')
  }

  function choose(key) {
    state.me = state.people.find((p) => p.key === key) || null
    if (!state.me) return
    try {
      localStorage.setItem(STORAGE_KEY, key)
    } catch {
      /* private mode */
    }
    $('person-details').textContent = describe(state.me)
    setStatus('')
    drawAll()
  }

  async function loadPeople() {
    const res = await fetch('/playground/people')
    if (!res.ok)
      throw new Error('Could not load the people of the demo partnership. Is the database up? See the app\u2019s log.')
    const data = await res.json()
    state.serviceUrl = data.serviceUrl
    state.people = data.people
    state.problem = data.unavailable || ''
    showProblem(state.problem)
    if (!state.people.length)
      throw new Error(
        'Nobody with a Teams identity in the database. Start with SEED_DEMO=true (the default in development).',
      )
    const select = $('person')
    select.replaceChildren(
      ...state.people.map((p) => {
        const option = el(
          'option',
          '',
          `${p.name} (${p.chairs.length ? `chair of the ${p.chairs.join(' and the ')}` : p.jobTitle})`,
        )
        option.value = p.key
        return option
      }),
    )
    let saved = null
    try {
      saved = localStorage.getItem(STORAGE_KEY)
    } catch {
      /* private mode */
    }
    const first =
      state.people.find((p) => p.key === saved) ||
      state.people.find((p) => p.roles.includes('practitioner')) ||
      state.people[0]
    select.value = first.key
    select.disabled = false
    choose(first.key)
  }

  // ------------------------------------------------------------------ live updates

  function listen() {
    const events = new EventSource('/playground/events')
    events.addEventListener('snapshot', (event) => {
      const { messages } = JSON.parse(event.data)
      // The app's memory and the transcript together: what the app still has wins, what it lost (a restart)
      // stays as this browser saw it.
      for (const msg of messages) conversation(msg.conversationId).set(msg.id, msg)
      saveTranscript()
      drawAll()
      showProblem(state.problem || '')
      document.body.dataset.ready = 'true'
    })
    events.addEventListener('message', (event) => receive(JSON.parse(event.data)))
    events.addEventListener('update', (event) => receive(JSON.parse(event.data)))
    events.addEventListener('error', () => {
      if (events.readyState !== EventSource.CLOSED) showProblem('Lost the connection to the app; reconnecting…')
    })
  }

  $('person').addEventListener('change', (event) => choose(event.target.value))
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault()
    const input = $('message')
    const text = input.value.trim()
    if (!text) return
    input.value = ''
    void sendText(text)
  })

  $('forget').addEventListener('click', () => {
    try {
      localStorage.removeItem(TRANSCRIPT_KEY)
    } catch {
      /* private mode */
    }
    location.reload()
  })

  /** The app's clock (development only): shows it, and moves it forward to see what falls due weeks later. */
  function showTime(state) {
    $('time').hidden = false
    $('time-now').textContent = new Date(state.now).toLocaleString('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    })
    $('time-offset').textContent = state.days ? `(moved forward ${state.days} day${state.days === 1 ? '' : 's'})` : ''
  }
  async function loadTime() {
    const res = await fetch('/playground/clock')
    if (res.ok) showTime(await res.json())
  }
  $('time').addEventListener('click', async (event) => {
    const days = event.target?.getAttribute?.('data-days')
    if (days === null || days === undefined) return
    const current = await (await fetch('/playground/clock')).json()
    const target = Number(days) === 0 ? 0 : current.days + Number(days)
    const res = await fetch('/playground/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ days: target }),
    })
    if (res.ok) showTime(await res.json())
    else setStatus('The clock could not be moved.', true)
  })

  loadTranscript()
  loadPeople().then(listen, (error) => showProblem(error.message))
  void loadTime()
})()
