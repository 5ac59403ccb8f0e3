"""A small, offline stand-in for AWS's ``crowd-html-elements.js``.

A local site cannot load ``https://assets.crowd.aws/crowd-html-elements.js``, so the
task frame gets this script in its place. It turns ``<crowd-form>`` into a plain form
that posts to ``turkSubmitTo`` + ``/mturk/externalSubmit`` with the ``assignmentId``,
and ``<crowd-input>``, ``<crowd-text-area>`` and ``<crowd-button>`` into their HTML
counterparts; the emulator then records the fields as MTurk recorded a crowd-form's,
one ``taskAnswers`` JSON answer (``models/answers.py``). Any other crowd element is
replaced by a notice saying it is not implemented here, never dropped in silence.
"""

from __future__ import annotations

ADDRESS = "https://assets.crowd.aws/crowd-html-elements.js"
SCRIPT = b"""(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var assignmentId = params.get("assignmentId") || "";
  var preview = assignmentId === "ASSIGNMENT_ID_NOT_AVAILABLE";
  var DONE = ["CROWD-FORM", "CROWD-INPUT", "CROWD-TEXT-AREA", "CROWD-BUTTON"];
  var COPIED = ["name", "type", "placeholder", "required", "value", "rows", "disabled"];

  function labelled(source, control) {
    COPIED.forEach(function (name) {
      if (source.hasAttribute(name)) control.setAttribute(name, source.getAttribute(name));
    });
    var text = source.getAttribute("label") || source.getAttribute("placeholder") ||
      source.getAttribute("name") || "";
    var label = document.createElement("label");
    label.append(text + " ", control);
    var block = document.createElement("p");
    block.append(label);
    source.replaceWith(block);
  }

  function upgrade() {
    document.querySelectorAll("crowd-input").forEach(function (el) {
      labelled(el, document.createElement("input"));
    });
    document.querySelectorAll("crowd-text-area").forEach(function (el) {
      labelled(el, document.createElement("textarea"));
    });
    document.querySelectorAll("crowd-button").forEach(function (el) {
      var button = document.createElement("button");
      button.type = el.getAttribute("form-action") === "submit" ? "submit" : "button";
      button.append.apply(button, Array.from(el.childNodes));
      el.replaceWith(button);
    });
    Array.from(document.querySelectorAll("*")).forEach(function (el) {
      if (el.tagName.indexOf("CROWD-") !== 0 || DONE.indexOf(el.tagName) >= 0) return;
      var note = document.createElement("p");
      note.setAttribute("role", "note");
      note.className = "crowd-missing";
      note.textContent = "The local MTurk emulator does not implement <" +
        el.tagName.toLowerCase() + ">: this part of the HIT cannot be shown or answered here.";
      el.replaceWith(note);
    });
    document.querySelectorAll("crowd-form").forEach(function (el) {
      var form = document.createElement("form");
      form.method = "post";
      form.action = (params.get("turkSubmitTo") || "") + "/mturk/externalSubmit";
      var id = document.createElement("input");
      id.type = "hidden";
      id.name = "assignmentId";
      id.value = assignmentId;
      form.append(id);
      form.append.apply(form, Array.from(el.childNodes));
      if (!form.querySelector("button[type=submit], input[type=submit]")) {
        var submit = document.createElement("button");
        submit.type = "submit";
        submit.textContent = "Submit";
        form.append(submit);
      }
      el.replaceWith(form);
    });
    if (preview) {
      document.querySelectorAll("button[type=submit], input[type=submit]").forEach(
        function (button) { button.disabled = true; });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", upgrade);
  } else {
    upgrade();
  }
})();
"""
