/* powcaptcha widget 0.8.0 - MIT. Served from your own origin.
 * Solves one SHA-256 proof-of-work puzzle per form submission, visibly,
 * then stops. No third-party requests. */
(function () {
  "use strict";

  var WORKER_SRC =
    "self.onmessage=async function(e){" +
    "var s=e.data.salt,d=e.data.difficulty,enc=new TextEncoder(),n=0;" +
    "function lz(b){var c=0;for(var i=0;i<b.length;i++){if(b[i]===0){c+=8;continue}" +
    "c+=Math.clz32(b[i])-24;break}return c}" +
    "while(true){var h=new Uint8Array(await crypto.subtle.digest('SHA-256',enc.encode(s+n)));" +
    "if(lz(h)>=d){self.postMessage({nonce:n});return}" +
    "n++;if(n%5000===0)self.postMessage({progress:n})}};";

  function solve(ch, onProgress) {
    return new Promise(function (resolve) {
      var url = URL.createObjectURL(new Blob([WORKER_SRC], { type: "text/javascript" }));
      var w = new Worker(url);
      w.onmessage = function (e) {
        if (e.data.progress !== undefined) { onProgress(e.data.progress); return; }
        w.terminate();
        URL.revokeObjectURL(url);
        resolve(e.data.nonce);
      };
      w.postMessage({ salt: ch.salt, difficulty: ch.difficulty });
    });
  }

  function attach(form) {
    var endpoint = form.getAttribute("data-powcaptcha");
    var auto = form.getAttribute("data-powcaptcha-auto") !== "false";
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "pow";
    form.appendChild(field);

    var status = document.createElement("label");
    status.className = "powcaptcha";
    var box = document.createElement("input");
    box.type = "checkbox";
    status.appendChild(box);
    status.appendChild(document.createTextNode(" I am human"));
    form.appendChild(status);

    var started = false;
    function start() {
      if (started) return;
      started = true;
      status.lastChild.textContent = " Verifying you are human\u2026";
      fetch(endpoint, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (ch) {
          return solve(ch, function (n) {
            status.lastChild.textContent = " Verifying you are human\u2026 (" + n + ")";
          }).then(function (nonce) {
            field.value = [ch.salt, ch.difficulty, ch.expires, nonce, ch.signature].join(".");
            box.checked = true;
            status.lastChild.textContent = " Verified";
          });
        });
    }

    box.addEventListener("change", start);
    if (auto) {
      form.addEventListener("focusin", start, { once: true });
    }
    form.addEventListener("submit", function (e) {
      if (!field.value) { e.preventDefault(); start(); }
    });
  }

  document.querySelectorAll("form[data-powcaptcha]").forEach(attach);
})();
