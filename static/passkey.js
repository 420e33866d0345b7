// Passkeys, as progressive enhancement: the "Use a passkey" buttons and the form that
// adds a passkey ask the browser's authenticator through WebAuthn and send its answer
// in an ordinary form. Without JavaScript the buttons stay hidden and codes work.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials) {
    return;
  }

  function toBuffer(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) {
      base64 += "=";
    }
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) {
      raw += String.fromCharCode(bytes[i]);
    }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withBuffers(list) {
    return (list || []).map(function (c) {
      var copy = Object.assign({}, c);
      copy.id = toBuffer(c.id);
      return copy;
    });
  }

  // The words come from the status line, written in the page's language.
  function words(form, name) {
    var out = form.querySelector(".passkey-status");
    return out ? out.dataset[name] : "";
  }

  function ask(url, form) {
    var body = new URLSearchParams();
    body.set("csrf_token", form.querySelector("input[name='csrf_token']").value);
    return fetch(url, { method: "POST", body: body, credentials: "same-origin" }).then(function (r) {
      if (!r.ok) {
        return r.json().then(function (e) {
          throw new Error(e.error && e.error.message ? e.error.message : words(form, "failed"));
        }, function () {
          throw new Error(words(form, "failed"));
        });
      }
      return r.json();
    });
  }

  function say(form, message) {
    var out = form.querySelector(".passkey-status");
    if (out) {
      out.textContent = message;
    }
  }

  function answer(credential, extra) {
    var r = credential.response;
    var response = { clientDataJSON: toText(r.clientDataJSON) };
    Object.keys(extra).forEach(function (k) {
      if (r[extra[k]]) {
        response[k] = toText(r[extra[k]]);
      }
    });
    return JSON.stringify({
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: response,
      extensions: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}
    });
  }

  document.querySelectorAll("[data-passkey-get]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var form = button.closest("form");
      say(form, words(form, "use"));
      ask(button.getAttribute("data-passkey-get"), form).then(function (options) {
        var key = options.publicKey;
        key.challenge = toBuffer(key.challenge);
        key.allowCredentials = withBuffers(key.allowCredentials);
        return navigator.credentials.get({ publicKey: key });
      }).then(function (credential) {
        form.querySelector("input[name='passkey']").value = answer(credential, {
          authenticatorData: "authenticatorData",
          signature: "signature",
          userHandle: "userHandle"
        });
        form.submit();
      }).catch(function (e) {
        say(form, e.message + " " + words(form, "orCode"));
      });
    });
  });

  document.querySelectorAll("form[data-passkey-create]").forEach(function (form) {
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      if (form.querySelector("input[name='credential']").value) {
        return;
      }
      event.preventDefault();
      say(form, words(form, "create"));
      ask(form.getAttribute("data-passkey-create"), form).then(function (options) {
        var key = options.publicKey;
        key.challenge = toBuffer(key.challenge);
        key.user.id = toBuffer(key.user.id);
        key.excludeCredentials = withBuffers(key.excludeCredentials);
        return navigator.credentials.create({ publicKey: key });
      }).then(function (credential) {
        form.querySelector("input[name='credential']").value = answer(credential, {
          attestationObject: "attestationObject"
        });
        form.submit();
      }).catch(function (e) {
        say(form, e.message);
      });
    });
  });
})();
