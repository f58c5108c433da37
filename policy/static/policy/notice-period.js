// The policy editor's "What kind of change is this?": when "Major change" is
// picked, the notice readers are given shows at once, and the go-live date
// ("Set schedule" in the Status panel) is set to the earliest day that gives
// it, if the editor has not chosen one. Ticking "Publish with less notice",
// or going back to a minor change, takes that proposal back. A change that
// opens as a major one (a draft, or one awaiting approval) shows the rule but
// keeps its date as it was submitted. The form's own check (policy/forms.py)
// explains the rule when this script does not run.
(() => {
  function start() {
    const major = document.querySelector(
      'input[name="update_type"][value="major"][data-proposed-go-live]',
    );
    const goLive = document.querySelector('input[name="go_live_at"]');
    if (!major || !goLive) return;
    const lessNotice = document.querySelector(
      'input[name="accept_short_notice"]',
    );
    const proposal = major.dataset.proposedGoLive;
    let proposed = false;

    const note = document.createElement("p");
    note.id = "notice-period-rule";
    note.className = "help";
    note.setAttribute("role", "status");
    major.closest("fieldset, [data-field-wrapper]")?.append(note);

    function setGoLive(value) {
      goLive.value = value;
      goLive.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function update(chosen) {
      const isMajor = major.checked;
      const exception = lessNotice?.checked;
      if (chosen && isMajor && !exception && goLive.value === "") {
        setGoLive(proposal);
        proposed = true;
      } else if ((!isMajor || exception) && proposed) {
        if (goLive.value === proposal) setGoLive("");
        proposed = false;
      }
      if (goLive.value !== proposal) proposed = false;
      const sentences = isMajor ? [major.dataset.noticeRule] : [];
      if (isMajor && proposed) sentences.push(major.dataset.noticeProposed);
      note.textContent = sentences.join(" ");
      note.hidden = !isMajor;
    }

    for (const choice of document.querySelectorAll(
      'input[name="update_type"]',
    )) {
      choice.addEventListener("change", () => update(true));
    }
    lessNotice?.addEventListener("change", () => update(true));
    goLive.addEventListener("change", () => {
      if (goLive.value !== proposal) proposed = false;
    });
    update(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
