/* Mentoring Commons: the web editor's own code around Decap CMS (vendor/decap-cms).
 *
 * - Starts Decap with the configuration the build generated from the content model
 *   (editor.json, made by core/outputs/editorconfig.py): nothing here is written per field.
 * - Two widgets for what Decap's `required` and `pattern` cannot say:
 *   commons-naming: the naming level, as a plain select that tells the name fields;
 *   commons-name: a name the consent level allows (first-name: one given name; pseudonym: the
 *     pseudonym itself; anonymous: no name), and a pseudonym only with naming: pseudonym;
 *   commons-date: a plain date input (YYYY-MM-DD) with no default, never in the future where
 *     the model says so (the date consent was given).
 * - Previews shaped like the site's pages, with the site's own stylesheets.
 */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function failure(message) {
    return { error: { message: message } };
  }

  function text(value) {
    return typeof value === "string" ? value.trim() : "";
  }

  function consentOf(entry, key) {
    return entry ? entry.getIn(["data", "consent", key]) : undefined;
  }

  // The rule of issue 16 for one field, given the whole entry (also used by the tests).
  function nameProblem(fieldName, value, naming, pseudonym, rules, requiredMessage, givenName) {
    var v = text(value);
    if (fieldName === "pseudonym") {
      if (naming === "pseudonym" && !v) return rules.pseudonym;
      if (naming && naming !== "pseudonym" && v) return rules.other;
      return null;
    }
    if (naming === "anonymous") return v ? rules.anonymous : null;
    if (!v) return requiredMessage || null;
    if (naming === "first-name" && !new RegExp(givenName, "u").test(v)) {
      return rules["first-name"];
    }
    if (naming === "pseudonym" && v !== text(pseudonym)) return rules.pseudonym;
    return null;
  }

  function inputProps(control, extra) {
    var props = {
      id: control.props.forID,
      className: control.props.classNameWrapper,
      value: control.props.value || "",
      onChange: function (event) { control.props.onChange(event.target.value); },
      onFocus: control.props.setActiveStyle,
      onBlur: control.props.setInactiveStyle,
      // Marks the project's own controls inside Decap's form (the accessibility test tells
      // them apart from Decap's).
      "data-commons-widget": control.props.field.get("widget"),
    };
    for (var key in extra) props[key] = extra[key];
    return props;
  }

  // Decap hands a control the entry as it was when that control last changed, so a name
  // field would judge by a stale naming level. The naming and pseudonym controls announce
  // their values; the name controls keep the latest (seeded from the entry when they mount).
  var NAMING_EVENT = "commons-consent-change";

  function announce(key, value) {
    document.dispatchEvent(new CustomEvent(NAMING_EVENT, { detail: { key: key, value: value } }));
  }

  var NamingControl = createClass({
    handleChange: function (event) {
      this.props.onChange(event.target.value || undefined);
      announce("naming", event.target.value);
    },
    render: function () {
      var options = this.props.field.get("options").toJS();
      return h("select", {
        id: this.props.forID, className: this.props.classNameWrapper,
        "data-commons-widget": "commons-naming",
        value: this.props.value || "", onChange: this.handleChange,
        onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
      }, [h("option", { key: "", value: "" }, "Choose how the person agreed to be named")]
        .concat(options.map(function (o) {
          return h("option", { key: o.value, value: o.value }, o.label);
        })));
    },
  });

  var NameControl = createClass({
    getInitialState: function () {
      return { naming: consentOf(this.props.entry, "naming"),
               pseudonym: consentOf(this.props.entry, "pseudonym") };
    },
    componentDidMount: function () {
      var control = this;
      this.listener = function (event) {
        var change = {};
        change[event.detail.key] = event.detail.value;
        control.setState(change);
      };
      document.addEventListener(NAMING_EVENT, this.listener);
    },
    componentWillUnmount: function () {
      document.removeEventListener(NAMING_EVENT, this.listener);
    },
    handleChange: function (event) {
      this.props.onChange(event.target.value);
      if (this.props.field.get("name") === "pseudonym") announce("pseudonym", event.target.value);
    },
    isValid: function () {
      var field = this.props.field;
      var rules = field.get("consent_rules");
      var problem = nameProblem(
        field.get("name"), this.props.value, this.state.naming, this.state.pseudonym,
        rules ? rules.toJS() : {}, field.get("required_message"),
        field.get("given_name_pattern") || "^\\S+$");
      return problem ? failure(problem) : true;
    },
    render: function () {
      return h("input", inputProps(this, { type: "text", autoComplete: "off",
                                           onChange: this.handleChange }));
    },
  });

  var DateControl = createClass({
    isValid: function () {
      var field = this.props.field;
      var value = text(this.props.value);
      if (!value) return true; // Decap's own `required` speaks for an empty required date
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || isNaN(Date.parse(value + "T00:00:00Z"))) {
        return failure(field.get("pattern_message"));
      }
      var future = field.get("not_after_today");
      if (future && value > today()) return failure(future);
      return true;
    },
    render: function () {
      var extra = { type: "date" };
      if (this.props.field.get("not_after_today")) extra.max = today();
      return h("input", inputProps(this, extra));
    },
  });

  function PlainPreview(props) {
    return h("span", {}, props.value || "");
  }

  var nameSchema = { properties: { consent_rules: { type: "object" },
                                   required_message: { type: "string" },
                                   given_name_pattern: { type: "string" } } };
  var dateSchema = { properties: { pattern_message: { type: "string" },
                                   not_after_today: { type: "string" } } };
  CMS.registerWidget("commons-naming", NamingControl, PlainPreview);
  CMS.registerWidget("commons-name", NameControl, PlainPreview, nameSchema);
  CMS.registerWidget("commons-date", DateControl, PlainPreview, dateSchema);

  // -- previews: roughly the site's page for each kind, in the site's CSS ------------------

  function get(entry, key) {
    var value = entry.getIn(["data", key]);
    return value && value.toJS ? value.toJS() : value;
  }

  function page(children) {
    // Material styles content under .md-typeset and colours by data-md-color-scheme.
    return h("div", { "data-md-color-scheme": "default", "data-md-color-primary": "teal",
                      className: "md-container" },
      h("main", { className: "md-main" },
        h("div", { className: "md-content" },
          h("article", { className: "md-content__inner md-typeset" }, children))));
  }

  function list(label, values) {
    if (!values || !values.length) return null;
    return h("p", {}, h("strong", {}, label + ": "), values.join(", "));
  }

  function byline(entry) {
    var naming = get(entry, "consent") && get(entry, "consent").naming;
    var authors = get(entry, "authors") || [];
    if (naming === "anonymous") return "A story by a community member";
    return authors.length ? "A story by " + authors.join(", ") : null;
  }

  var previews = {
    narratives: function (props) {
      var e = props.entry;
      return page([
        h("h1", { key: "t" }, get(e, "title")),
        h("p", { key: "b", className: "commons-byline" }, byline(e), " · ", get(e, "date")),
        h("p", { key: "s" }, h("em", {}, get(e, "summary"))),
        h("div", { key: "body" }, props.widgetFor("body")),
        h("div", { key: "f" }, list("Forms of mentoring", get(e, "forms")),
          list("Topics", get(e, "topics"))),
      ]);
    },
    people: function (props) {
      var e = props.entry;
      var consent = get(e, "consent") || {};
      var name = consent.naming === "anonymous" ? "A community member" : get(e, "name");
      return page([
        h("h1", { key: "n" }, name),
        get(e, "pronouns") ? h("p", { key: "p" }, get(e, "pronouns")) : null,
        h("div", { key: "l" }, list("Roles", get(e, "roles")),
          list("Career stage", [get(e, "career_stage")].filter(Boolean)),
          list("Open to", get(e, "open_to"))),
        h("p", { key: "b" }, get(e, "bio")),
      ]);
    },
    programs: function (props) {
      var e = props.entry;
      return page([
        h("h1", { key: "n" }, get(e, "name")),
        h("p", { key: "s" }, "Run by " + (get(e, "sponsor") || "…")),
        h("p", { key: "d" }, get(e, "description")),
        h("div", { key: "l" }, list("For", get(e, "audience")),
          list("Format", [get(e, "format")].filter(Boolean)),
          list("Cost", [get(e, "cost")].filter(Boolean))),
        h("p", { key: "u" }, get(e, "url")),
      ]);
    },
    recommendations: function (props) {
      var e = props.entry;
      return page([
        h("h1", { key: "t" }, get(e, "title")),
        h("p", { key: "s" }, h("em", {}, get(e, "summary"))),
        h("div", { key: "body" }, props.widgetFor("body")),
        list("Sources", get(e, "sources")),
      ]);
    },
  };

  fetch("editor.json", { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (setup) {
      setup.preview_styles.forEach(function (href) { CMS.registerPreviewStyle(href); });
      setup.config.collections.forEach(function (collection) {
        var render = previews[collection.name];
        if (render) CMS.registerPreviewTemplate(collection.name, render);
      });
      CMS.init({ config: setup.config });
    });

  window.commonsEditor = { nameProblem: nameProblem };
})();
