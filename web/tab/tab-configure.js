/*
 * The channel tab's configuration page: Teams shows it when a team adds Learning Loop as a tab. It says the
 * page is ready to save and, on save, where the tab lives (/tab on this host).
 */
;(() => {
  const teams = window.microsoftTeams
  if (!teams || window.parent === window) return
  teams.app.initialize().then(() => {
    teams.pages.config.registerOnSaveHandler((save) => {
      const url = `${window.location.origin}/tab`
      teams.pages.config
        .setConfig({ entityId: 'dashboard', contentUrl: url, websiteUrl: url, suggestedDisplayName: 'Learning Loop' })
        .then(() => save.notifySuccess())
        .catch(() => save.notifyFailure('The tab could not be added. Please try again.'))
    })
    teams.pages.config.setValidityState(true)
    teams.app.notifySuccess()
  })
})()
