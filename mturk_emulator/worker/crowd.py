"""A small, offline stand-in for AWS's ``crowd-html-elements.js``.

A local site cannot load ``https://assets.crowd.aws/crowd-html-elements.js``, so the
task frame gets this script in its place. It turns ``<crowd-form>`` into a plain form
that posts to ``turkSubmitTo`` + ``/mturk/externalSubmit`` with the ``assignmentId``,
and the crowd form elements into native HTML controls (so they work with a keyboard
and a screen reader): ``<crowd-input>``, ``<crowd-text-area>``, ``<crowd-button>``,
``<crowd-checkbox>`` and ``<crowd-toggle-button>`` (check boxes, the toggle with the
switch role), ``<crowd-radio-group>`` of ``<crowd-radio-button>`` (radio buttons),
``<crowd-slider>`` (a range input) and ``<crowd-classifier>`` (a group of radio
buttons, one per category). Each posts ``name=value`` for what the worker chose; the
emulator then records the fields as MTurk recorded a crowd-form's, one
``taskAnswers`` JSON answer shaped by the elements (``models/crowd_answers.py``).
Any other crowd element is replaced by a notice saying it is not implemented here,
never dropped in silence.
"""

from __future__ import annotations

ADDRESS = "https://assets.crowd.aws/crowd-html-elements.js"
SCRIPT = b"""(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var assignmentId = params.get("assignmentId") || "";
  var preview = assignmentId === "ASSIGNMENT_ID_NOT_AVAILABLE";
  var DONE = ["CROWD-FORM", "CROWD-INPUT", "CROWD-TEXT-AREA", "CROWD-BUTTON", "CROWD-CHECKBOX",
    "CROWD-TOGGLE-BUTTON", "CROWD-RADIO-GROUP", "CROWD-RADIO-BUTTON", "CROWD-SLIDER",
    "CROWD-CLASSIFIER"];
  var COPIED = ["name", "type", "placeholder", "required", "value", "rows", "disabled", "min",
    "max", "step", "checked"];
  var groups = 0;

  function copy(source, control) {
    COPIED.forEach(function (name) {
      if (source.hasAttribute(name)) control.setAttribute(name, source.getAttribute(name));
    });
    return control;
  }

  function text(source) {
    return source.getAttribute("label") || source.getAttribute("placeholder") ||
      source.getAttribute("name") || "";
  }

  function labelled(source, control) {
    copy(source, control);
    var label = document.createElement("label");
    label.append(text(source) + " ", control);
    var block = document.createElement("p");
    block.append(label);
    source.replaceWith(block);
    return block;
  }

  function choice(source, type, name) {
    var control = copy(source, document.createElement("input"));
    control.type = type;
    control.className = "crowd-choice";
    control.value = source.getAttribute("value") || "on";
    if (name !== undefined) {
      control.dataset.field = control.name;
      control.name = name;
    }
    var label = document.createElement("label");
    var words = source.textContent.trim();
    label.append(control, " ");
    if (words) label.append.apply(label, Array.from(source.childNodes));
    else label.append(source.getAttribute("name") || control.value);
    var block = document.createElement("p");
    block.append(label);
    source.replaceWith(block);
    return control;
  }

  function slider(el) {
    var control = document.createElement("input");
    control.type = "range";
    var block = labelled(el, control);
    var shown = document.createElement("output");
    shown.value = control.value;
    control.addEventListener("input", function () { shown.value = control.value; });
    block.append(" ", shown);
  }

  function classifier(el) {
    var set = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = el.getAttribute("header") || el.getAttribute("name") || "";
    set.append(legend);
    ["classification-target", "short-instructions", "full-instructions"].forEach(function (part) {
      Array.from(el.children).forEach(function (child) {
        if (child.tagName.toLowerCase() !== part) return;
        var block = document.createElement("div");
        block.className = part;
        block.append.apply(block, Array.from(child.childNodes));
        set.append(block);
      });
    });
    var categories = [];
    try { categories = JSON.parse(el.getAttribute("categories") || "[]"); } catch (e) { }
    categories.forEach(function (category) {
      var option = document.createElement("span");
      option.setAttribute("name", el.getAttribute("name") || "");
      option.setAttribute("value", String(category));
      option.textContent = String(category);
      set.append(option);
      choice(option, "radio");
    });
    el.replaceWith(set);
  }

  function upgrade() {
    var style = document.createElement("style");
    style.textContent = ".crowd-choice{width:24px;height:24px;vertical-align:middle}";
    document.head.append(style);
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
    document.querySelectorAll("crowd-checkbox").forEach(function (el) { choice(el, "checkbox"); });
    document.querySelectorAll("crowd-toggle-button").forEach(function (el) {
      choice(el, "checkbox").setAttribute("role", "switch");
    });
    document.querySelectorAll("crowd-radio-group").forEach(function (group) {
      var set = document.createElement("div");
      set.setAttribute("role", "radiogroup");
      groups += 1;
      var name = "crowd-radio-group-" + groups;
      set.append.apply(set, Array.from(group.childNodes));
      group.replaceWith(set);
      set.querySelectorAll("crowd-radio-button").forEach(function (el) {
        choice(el, "radio", name);
      });
    });
    document.querySelectorAll("crowd-radio-button").forEach(function (el) {
      choice(el, "radio");
    });
    document.querySelectorAll("crowd-slider").forEach(slider);
    document.querySelectorAll("crowd-classifier").forEach(classifier);
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
      // A radio button of a group posts under its own name, as crowd-radio-button did.
      form.addEventListener("formdata", function (event) {
        var grouped = form.querySelectorAll("input[data-field]");
        grouped.forEach(function (radio) { event.formData.delete(radio.name); });
        grouped.forEach(function (radio) {
          if (radio.checked) event.formData.append(radio.dataset.field, radio.value);
        });
      });
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
