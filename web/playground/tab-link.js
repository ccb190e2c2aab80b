/*
 * The playground's way into the Teams tab: signs the tab in as the person chosen above (the server mints a
 * development token, as Teams single sign-on would give one) and opens it in a new window, with the token in
 * the address's fragment so it never reaches a server log.
 */
;(() => {
  const button = document.getElementById('open-tab')
  const select = document.getElementById('person')
  if (!button || !select) return
  button.addEventListener('click', async () => {
    const res = await fetch('/playground/tab-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ person: select.value }),
    })
    if (!res.ok) return
    const { token } = await res.json()
    window.open(`/tab#token=${encodeURIComponent(token)}`, '_blank', 'noopener')
  })
})()
