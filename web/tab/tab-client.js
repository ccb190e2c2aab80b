/*
 * The Teams tab's script. Inside Teams it initialises teams-js, follows the Teams theme, and asks Teams for the
 * person's single sign-on token; in development the playground opens the tab with a token in the address's
 * fragment (#token=…), which never reaches the server's logs. Each page is fetched from /tab/view/<page> with
 * the token and shown as the server drew it; links and forms marked with data-view, data-view-form and
 * data-post are handled here. Opened outside Teams without a token, it says to open it in Teams.
 */
;(() => {
  const main = document.getElementById('main')
  let tokenPromise = null
  let current = 'home'

  function setTheme(theme) {
    document.body.classList.remove('theme-default', 'theme-dark', 'theme-contrast')
    document.body.classList.add(`theme-${theme || 'default'}`)
  }

  function token() {
    if (tokenPromise) return tokenPromise
    const dev = new URLSearchParams(window.location.hash.slice(1)).get('token')
    const teams = window.microsoftTeams
    if (dev) tokenPromise = Promise.resolve(dev)
    else if (!teams || window.parent === window) tokenPromise = Promise.resolve(null)
    else
      tokenPromise = teams.app
        .initialize()
        .then(() => {
          teams.app.getContext().then((context) => setTheme(context.app?.theme))
          teams.app.registerOnThemeChangeHandler(setTheme)
          teams.app.notifySuccess()
          return teams.authentication.getAuthToken()
        })
        .catch(() => null)
    return tokenPromise
  }

  function show(title, html) {
    document.title = `${title} – Learning Loop`
    main.innerHTML = html
    main.focus()
  }

  async function request(url, options) {
    const bearer = await token()
    if (!bearer) {
      show(
        'Open in Teams',
        '<h1>Please open Learning Loop in Microsoft Teams</h1><p>This dashboard is shown only inside Teams, ' +
          'where you are signed in. Open the Learning Loop app in Teams and choose its Dashboard tab.</p>',
      )
      return null
    }
    const headers = Object.assign({ authorization: `Bearer ${bearer}` }, options?.headers || {})
    return fetch(url, Object.assign({}, options, { headers }))
  }

  async function load(view) {
    current = view
    const res = await request(`/tab/view/${view}`)
    if (!res) return
    const body = await res.json().catch(() => ({ title: 'Something went wrong', html: '<p>Please try again.</p>' }))
    show(body.title, body.html)
  }

  document.addEventListener('click', (event) => {
    const link = event.target.closest('[data-view]')
    if (!link) return
    event.preventDefault()
    load(link.getAttribute('data-view'))
  })

  document.addEventListener('submit', async (event) => {
    const form = event.target
    const view = form.getAttribute('data-view-form')
    const download = form.getAttribute('data-download')
    const post = form.getAttribute('data-post') || download
    if (!view && !post) return
    event.preventDefault()
    const data = Object.fromEntries(new FormData(form).entries())
    if (event.submitter?.name) data[event.submitter.name] = event.submitter.value
    if (view) {
      load(`${view}?${new URLSearchParams(data).toString()}`)
      return
    }
    for (const el of form.querySelectorAll('[data-error-for]')) el.textContent = ''
    const res = await request(post, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(data),
    })
    if (!res) return
    if (res.ok && download) {
      // The file the server drew: saved under the name it gave.
      const name = (res.headers.get('content-disposition') || '').match(/filename="?([^";]+)"?/)
      const link = document.createElement('a')
      link.href = URL.createObjectURL(await res.blob())
      link.download = name ? name[1] : 'yearly-report'
      document.body.appendChild(link)
      link.click()
      link.remove()
      return
    }
    if (res.ok) {
      load(current)
      return
    }
    const body = await res.json().catch(() => ({}))
    const errors = body.fieldErrors || {}
    let shown = false
    for (const [field, message] of Object.entries(errors)) {
      const slot = form.querySelector(`[data-error-for="${field}"]`)
      if (slot) {
        slot.textContent = message
        shown = true
      }
    }
    const first = form.querySelector('[data-error-for]')
    if (!shown && first) first.textContent = body.message || 'That could not be saved. Please try again.'
  })

  load('home')
})()
