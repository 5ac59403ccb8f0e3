"""Rules about a worker's answers: the QuestionFormAnswers document MTurk recorded."""

from __future__ import annotations

from . import Rule

RETRIEVING = (
    "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMechanicalTurkRequester/"
    "RetrievingResults.html"
)
ANSWERS_ARTICLE = (
    "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMturkAPI/"
    "ApiReference_QuestionFormAnswersDataStructureArticle.html"
)

CROWD = "https://docs.aws.amazon.com/sagemaker/latest/dg/"

RULES: tuple[Rule, ...] = (
    Rule(
        "answers.crowd-form-task-answers",
        "A worker's answers to an HTMLQuestion that uses <crowd-form> are recorded as ONE "
        "Answer named taskAnswers, whose FreeText is a JSON array holding one object with "
        "every field.",
        "documented",
        RETRIEVING,
        "This answer always has the identifier taskAnswers and the FreeText value is an "
        "array of JSON key-value pairs containing the worker answers.",
    ),
    # Each crowd element's shape in a crowd-form's taskAnswers (issue 24, second round).
    Rule(
        "answers.crowd-checkbox",
        "crowd-checkbox: {name: {value: checked}}.",
        "documented",
        CROWD + "sms-ui-template-crowd-checkbox.html",
        "true if checked, false if not checked",
    ),
    Rule(
        "answers.crowd-radio-button",
        "crowd-radio-button: {name: {value: checked}}.",
        "documented",
        CROWD + "sms-ui-template-crowd-radio-button.html",
        '{ "<name>": { "<value>": <true or false> } }',
    ),
    Rule(
        "answers.crowd-toggle-button",
        "crowd-toggle-button: {name: {value: on}}.",
        "documented",
        CROWD + "sms-ui-template-crowd-toggle-button.html",
        "the element's state as Boolean value for the property",
    ),
    Rule(
        "answers.crowd-classifier",
        'crowd-classifier: {name: {"label": category}}.',
        "documented",
        CROWD + "sms-ui-template-crowd-classifier.html",
        '"<name>": { "label": "<value>" }',
    ),
    Rule(
        "answers.crowd-slider",
        "crowd-slider: {name: number}.",
        "inferred",
        "AWS printed no output; a slider's value is a number.",
    ),
    Rule(
        "answers.crowd-members-sorted",
        "taskAnswers members sorted by name.",
        "inferred",
        "AWS's printed outputs are sorted, whatever the input order.",
    ),
    Rule(
        "answers.plain-form-one-per-field",
        "Answers to a plain HTML <form> (HTMLQuestion, or an ExternalQuestion posting to "
        "externalSubmit) are recorded as one Answer per form field, named after the field.",
        "documented",
        RETRIEVING,
        "The QuestionFormAnswers data structure contains an Answer value for each form "
        "field in your HTML.",
    ),
    Rule(
        "answers.question-form-one-per-question",
        "Answers to a QuestionForm are recorded as one Answer per question: FreeText for a "
        "free-text question, one SelectionIdentifier per option chosen.",
        "documented",
        ANSWERS_ARTICLE,
        "the Answer element contains a SelectionIdentifier element for each option the "
        "Worker selected.",
    ),
    Rule(
        "answers.checkbox-values-joined",
        "Several values for one field of a plain form (a checkbox group) are recorded as one "
        "Answer whose FreeText joins them with '|'.",
        "inferred",
        "No AWS page states it; MTurkR (cloudyr/MTurkR#63) reports the service joined "
        "selections with '|', and AWS's Perl SDK joined repeated SelectionIdentifiers with "
        "'|' (evidence.md section 1).",
        "mTurk will return the results deliminted by: |. For example: A|B|C.",
    ),
    Rule(
        "answers.fields-of-the-form",
        "The simulated worker can only answer fields the HIT's form has (an HTMLQuestion's "
        "named fields, a QuestionForm's questions and options); an ExternalQuestion's "
        "fields are unknown to the emulator and any name is taken.",
        "inferred",
        "The worker's browser can only send the fields of the page MTurk showed; the "
        "emulator stands in for that browser, so it refuses other names.",
    ),
    Rule(
        "answers.raw-xml-shape",
        "Answer XML given to the emulator directly must be a QuestionFormAnswers document: "
        "Answer elements, each starting with QuestionIdentifier and holding only FreeText, "
        "SelectionIdentifier, OtherSelectionText or UploadedFileSizeInBytes and "
        "UploadedFileKey.",
        "documented",
        RETRIEVING,
        "The Answer value is returned as a string containing a QuestionFormAnswers XML "
        "data structure.",
    ),
    Rule(
        "answers.not-xml-characters",
        "A character XML 1.0 cannot hold (a control character other than tab, line feed "
        "and carriage return) becomes U+FFFD in the recorded answer, which stays a "
        "well-formed QuestionFormAnswers document.",
        "inferred",
        "The answer is XML 1.0, which cannot hold these characters even as references; "
        "what MTurk did with one typed into a form is not recorded.",
    ),
)
