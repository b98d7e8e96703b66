// The paste page: POST /api/analyze with the token, then open the analysed article.
(function () {
  "use strict";
  var form = document.getElementById("paste");
  var status = document.getElementById("paste-status");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var body = {};
    var url = document.getElementById("paste-url").value.trim();
    var text = document.getElementById("paste-text").value;
    if (url) body.url = url; else body.text = text;
    var title = document.getElementById("paste-title").value.trim();
    var published = document.getElementById("paste-published").value;
    if (title) body.title = title;
    if (published) body.published = published;
    status.textContent = "Analysing…";
    fetch("/api/analyze", {
      method: "POST",
      headers: {"Content-Type": "application/json",
                "Authorization": "Bearer " + document.getElementById("paste-token").value},
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (data) { return {ok: r.ok, data: data}; });
    }).then(function (res) {
      if (!res.ok) { status.textContent = "Error " + res.data.status + ": " + res.data.message; return; }
      window.location.href = "/articles/" + encodeURIComponent(res.data.article.id);
    }).catch(function (err) { status.textContent = "The request failed: " + err; });
  });
})();
