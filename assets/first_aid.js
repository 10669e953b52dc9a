// The first-aid player keeps the phone's screen on while it is open: the lock is taken when the
// player (#first-aid-overlay) appears and released when it is hidden or gone.
(function () {
  var lock = null, wanted = false;

  function update() {
    var player = document.getElementById("first-aid-overlay");
    var open = !!player && !player.hidden;
    if (open === wanted) return;
    wanted = open;
    if (open && navigator.wakeLock) {
      navigator.wakeLock.request("screen").then(function (sentinel) {
        if (wanted && !lock) lock = sentinel;
        else sentinel.release().catch(function () {});
      }).catch(function () {});
    } else if (!open && lock) {
      lock.release().catch(function () {});
      lock = null;
    }
  }

  new MutationObserver(update).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["hidden"],
  });
})();
