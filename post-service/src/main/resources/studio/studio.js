// The studio's small enhancements; every page works without them.
// The writer's time zone, so times are shown and read in it (the server falls back to UTC).
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf('cms_zone=' + encodeURIComponent(zone)) < 0) {
      document.cookie = 'cms_zone=' + encodeURIComponent(zone) + '; path=/studio; max-age=31536000; samesite=strict; secure';
      if (document.documentElement.dataset.zone !== zone && document.querySelector('[data-zoned]')) {
        location.reload();
      }
    }
  } catch (e) {
    // no zone: times stay in UTC, as labelled
  }
})();
