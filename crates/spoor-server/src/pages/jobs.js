// The job page, live: the job's JSON every second, shown in place; once the
// job has ended the page is loaded again, and the server shows its report.
(function () {
  "use strict";
  var job = document.getElementById("job");
  var active = function (s) { return s === "queued" || s === "running"; };
  if (!job || !active(job.dataset.state)) { return; }
  var set = function (id, text) {
    var e = document.getElementById(id);
    if (e && e.textContent !== String(text)) { e.textContent = text; }
  };
  var show = function (v) {
    if (!active(v.state)) { window.location.reload(); return false; }
    set("job-state", v.state);
    set("job-files-done", v.files_done);
    set("job-files", v.files);
    set("job-documents", v.committed + " committed so far");
    var p = document.getElementById("job-progress");
    if (p && v.files > 0) { p.max = v.files; p.value = Math.min(v.files_done, v.files); }
    return true;
  };
  var tick = function () {
    fetch("/api/v1/jobs/" + encodeURIComponent(job.dataset.job), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (v) { if (!v || show(v)) { window.setTimeout(tick, 1000); } })
      .catch(function () { window.setTimeout(tick, 1000); });
  };
  window.setTimeout(tick, 1000);
})();
