(function () {
  "use strict";
  var info = JSON.parse(document.getElementById("evidence-data").textContent);
  var text = document.getElementById("source-text");
  var tip = document.getElementById("tip");
  var marks = Array.prototype.slice.call(text.querySelectorAll("mark"));
  var current = null;
  function ids(mark) { return mark.getAttribute("data-evidence").split(" "); }
  function mark(cls, wanted) {
    marks.forEach(function (m) {
      var hit = wanted !== null && ids(m).some(function (i) { return wanted.indexOf(i) >= 0; });
      m.classList.toggle(cls, hit);
    });
  }
  function show(m) {
    current = m;
    var list = document.createElement("ul");
    ids(m).forEach(function (id) {
      var e = info[id], li = document.createElement("li"), f = document.createElement("span");
      li.appendChild(document.createTextNode(e.record + ": "));
      f.className = "fields";
      f.textContent = e.fields.join(", ") + (e.items.length ? " (" + e.items.join(", ") + ")" : "");
      li.appendChild(f);
      list.appendChild(li);
    });
    tip.replaceChildren(list);
    tip.hidden = false;
    var r = m.getBoundingClientRect(), w = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, w - tip.offsetWidth - 8));
    tip.style.left = left + "px";
    var below = r.bottom + 6, above = r.top - tip.offsetHeight - 6;
    var top = below + tip.offsetHeight > window.innerHeight && above > 0 ? above : below;
    tip.style.top = (top + window.scrollY) + "px";
    mark("active", ids(m));
  }
  function hide() { current = null; tip.hidden = true; mark("active", null); }
  text.addEventListener("mouseover", function (ev) {
    var m = ev.target.closest("mark");
    if (m && m !== current) { show(m); }
  });
  text.addEventListener("mouseleave", function () {
    if (!text.contains(document.activeElement)) { hide(); }
  });
  text.addEventListener("focusin", function (ev) {
    var m = ev.target.querySelector("mark");
    if (m) { show(m); }
  });
  text.addEventListener("focusout", function (ev) {
    if (!text.contains(ev.relatedTarget)) { hide(); }
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { hide(); } });
  // A tap shows what a highlight supports; a second tap on it goes to its record.
  var before = null, touch = false;
  text.addEventListener("pointerdown", function (ev) {
    touch = ev.pointerType === "touch";
    before = current;
  });
  text.addEventListener("click", function (ev) {
    var m = ev.target.closest("mark");
    if (touch && m && m !== before) { ev.preventDefault(); show(m); }
  });
  var pending = null;
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("aside a[data-pick]");
    pending = a ? a.getAttribute("data-pick") : null;
    if (a && location.hash === a.getAttribute("href")) { ev.preventDefault(); picked(); }
  });
  function picked() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var pick = pending || (target && target.getAttribute("data-pick"));
    pending = null;
    mark("picked", pick ? pick.split(" ") : null);
    document.querySelectorAll("li.record.picked").forEach(function (li) {
      li.classList.remove("picked");
    });
    var records = target && target.getAttribute("data-records");
    (records ? records.split(" ") : []).forEach(function (r) {
      var li = document.getElementById(r);
      if (li) { li.classList.add("picked"); }
    });
    if (target) { target.focus({ preventScroll: true }); }
  }
  window.addEventListener("hashchange", picked);
  picked();
})();
