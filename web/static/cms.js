// usher CMS: small enhancements only; every page works without this file.
(function () {
  'use strict';

  // A form is sent once: its submit buttons wait for the answer (no double invitations).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.getAttribute('method') || '').toLowerCase() !== 'post') {
      return;
    }
    window.setTimeout(function () {
      form.querySelectorAll('button[type="submit"]').forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });
  // Back to a page kept by the browser: its buttons work again.
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('form[method="post"] button[type="submit"]').forEach(function (b) {
      b.disabled = false;
    });
  });

  // The person form: a manager needs a store (R13), so mark the stores field required.
  var role = document.getElementById('role');
  var stores = document.getElementById('store_ids');
  var storesLabel = document.querySelector('label[for="store_ids"]');
  var sample = document.querySelector('label .required');
  if (role && stores && storesLabel && sample) {
    var mark = sample.cloneNode(true);
    mark.hidden = true;
    storesLabel.appendChild(document.createTextNode(' '));
    storesLabel.appendChild(mark);
    var update = function () {
      var manager = role.value === 'manager';
      mark.hidden = !manager;
      if (manager) {
        stores.setAttribute('aria-required', 'true');
      } else {
        stores.removeAttribute('aria-required');
      }
    };
    role.addEventListener('change', update);
    update();
  }
})();
