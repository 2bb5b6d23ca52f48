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

// Signing out forgets the drafts this browser kept, so the next person at it does not see them.
document.addEventListener('submit', function (e) {
  if (e.target.action && /\/studio\/sign-out$/.test(e.target.action)) {
    Object.keys(localStorage).filter(function (k) { return k.indexOf('cms-draft:') === 0; })
      .forEach(function (k) { localStorage.removeItem(k); });
  }
});

// Forms that undo something ask first: <form data-confirm="question">.
document.addEventListener('submit', function (e) {
  var question = e.target.dataset && e.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    e.preventDefault();
  }
});

// Copy buttons: <button data-copy="id-of-a-field">.
document.addEventListener('click', function (e) {
  var id = e.target.dataset && e.target.dataset.copy;
  if (id) {
    var field = document.getElementById(id);
    field.select();
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value);
    }
  }
});

// The editor: live preview and checks, local draft, navigation guard, preview links.
(function () {
  var form = document.getElementById('editor');
  if (!form) {
    return;
  }
  var live = document.getElementById('live');
  var markdown = form.elements.markdown;
  var fields = ['title', 'slug', 'tags', 'excerpt', 'markdown', 'publishAt', 'author', 'categories', 'lang', 'layout',
    'frontMatter'].filter(function (name) { return form.elements[name]; });
  var previewed = ['title', 'excerpt', 'markdown'];
  var PAUSE_MS = 500;
  var composing = false;
  var timer = null;
  var asked = 0;
  var submitting = false;

  Array.prototype.forEach.call(form.querySelectorAll('[data-without-script]'), function (b) { b.hidden = true; });

  // Live preview: asked for after a pause in typing, never while an IME is composing (the text in
  // the field is not what the writer means yet); answers to older texts are dropped.
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (!composing) {
        preview();
      }
    }, PAUSE_MS);
  }

  function preview() {
    var mine = ++asked;
    var body = new URLSearchParams();
    body.set('csrf', form.elements.csrf.value);
    previewed.forEach(function (name) { body.set(name, form.elements[name].value); });
    live.setAttribute('aria-busy', 'true');
    fetch(form.dataset.preview, { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (r) {
        if (!(r.headers.get('Content-Type') || '').startsWith('text/html')) {
          throw new Error('HTTP ' + r.status);
        }
        return r.text();
      })
      .then(function (html) {
        if (mine === asked) {
          live.innerHTML = html;
        }
      })
      .catch(function () { /* the last preview stays; the next pause asks again */ })
      .then(function () {
        if (mine === asked) {
          live.setAttribute('aria-busy', 'false');
        }
      });
  }

  form.addEventListener('compositionstart', function () { composing = true; clearTimeout(timer); });
  form.addEventListener('compositionend', function () { composing = false; schedule(); keep(); });
  form.addEventListener('input', function (e) {
    if (e.isComposing || composing) {
      return;
    }
    keep();
    if (previewed.indexOf(e.target.name) >= 0) {
      schedule();
    }
  });

  // A check's line link selects that line in the Markdown.
  live.addEventListener('click', function (e) {
    var line = e.target.dataset && e.target.dataset.line;
    if (!line) {
      return;
    }
    e.preventDefault();
    var lines = markdown.value.split('\n');
    var start = lines.slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0);
    markdown.focus();
    markdown.setSelectionRange(start, start + (lines[line - 1] || '').length);
    var height = markdown.scrollHeight / Math.max(lines.length, 1);
    markdown.scrollTop = Math.max(0, (line - 3) * height);
  });

  // Local draft: what is typed is kept in this browser until the server holds the same text, so a
  // reload, a crash or a lost connection loses nothing. It keeps the version it was typed over:
  // a save of a restored draft is refused (412) when someone saved meanwhile, never overwrites.
  var key = 'cms-draft:' + form.dataset.draft;
  // A page that echoes a refused save (or a preview without script) holds text the server has not.
  var unsaved = form.hasAttribute('data-unsaved');
  var server = unsaved ? {} : values();
  var keepTimer = null;

  function values() {
    var v = {};
    fields.forEach(function (name) { v[name] = form.elements[name].value; });
    return v;
  }

  function same(a, b) {
    return fields.every(function (name) { return a[name] === b[name]; });
  }

  function keep() {
    clearTimeout(keepTimer);
    keepTimer = setTimeout(function () {
      var now = values();
      try {
        if (same(now, server)) {
          localStorage.removeItem(key);
        } else {
          now.version = form.elements.version.value;
          now.at = new Date().toISOString();
          localStorage.setItem(key, JSON.stringify(now));
        }
      } catch (full) {
        // storage full or off: the navigation guard still warns
      }
    }, 300);
  }

  var submitted = sessionStorage.getItem('cms-submitted');
  sessionStorage.removeItem('cms-submitted');
  if (submitted && /[?&]saved=1/.test(location.search)) {
    localStorage.removeItem(submitted);
  }
  var kept = null;
  try {
    kept = JSON.parse(localStorage.getItem(key));
  } catch (bad) {
    localStorage.removeItem(key);
  }
  if (unsaved) {
    keep();
  } else if (kept && !same(kept, server)) {
    fields.forEach(function (name) {
      if (typeof kept[name] === 'string') {
        form.elements[name].value = kept[name];
      }
    });
    form.elements.version.value = kept.version;
    var note = document.getElementById('restored');
    note.hidden = false;
    document.getElementById('discard').addEventListener('click', function () {
      localStorage.removeItem(key);
      fields.forEach(function (name) { form.elements[name].value = server[name]; });
      form.elements.version.value = form.elements.version.defaultValue;
      note.hidden = true;
      preview();
    });
  } else if (kept) {
    localStorage.removeItem(key);
  }

  form.addEventListener('submit', function (e) {
    if (composing) {
      e.preventDefault();
      return;
    }
    submitting = true;
    sessionStorage.setItem('cms-submitted', key);
  });
  window.addEventListener('beforeunload', function (e) {
    if (!submitting && !same(values(), server)) {
      e.preventDefault();
      e.returnValue = '';
    }
  });
  if (markdown.value.trim() !== '') {
    preview();
  }

  // Preview link: made through the API, copied, and shown.
  var linkForm = document.querySelector('[data-preview-link]');
  if (linkForm) {
    linkForm.addEventListener('submit', function (e) {
      e.preventDefault();
      var out = document.getElementById('link-made');
      fetch(linkForm.dataset.previewLink, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': linkForm.elements.csrf.value },
        body: '{}'
      }).then(function (r) {
        return r.json().then(function (j) {
          if (!r.ok) {
            throw new Error(j.detail || j.title || ('HTTP ' + r.status));
          }
          return j.url;
        });
      }).then(function (url) {
        out.textContent = (linkForm.dataset.copied || 'Copied:') + ' ' + url;
        out.dataset.url = url;
        if (navigator.clipboard) {
          return navigator.clipboard.writeText(url).catch(function () { /* shown; copy by hand */ });
        }
      }).catch(function (err) {
        out.textContent = err.message;
      });
    });
  }
})();

// Import: the upload's progress, then the report page.
(function () {
  var form = document.getElementById('import');
  if (!form || !window.XMLHttpRequest) {
    return;
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var bar = document.getElementById('progress');
    var text = document.getElementById('progress-text');
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    bar.hidden = false;
    xhr.upload.addEventListener('progress', function (p) {
      if (p.lengthComputable) {
        bar.value = Math.round(100 * p.loaded / p.total);
        text.textContent = bar.value + ' %';
      }
    });
    xhr.upload.addEventListener('load', function () {
      bar.removeAttribute('value'); // uploaded; the import itself has no measure: an indeterminate bar
      text.textContent = '…';
    });
    xhr.addEventListener('load', function () {
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener('error', function () {
      text.textContent = 'Upload failed: check the connection and try again.';
    });
    xhr.send(new FormData(form));
  });
})();
