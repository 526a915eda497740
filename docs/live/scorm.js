// A practice page inside an LMS (issue 12): the SCORM 1.2 run-time, as the page of a package that
// `nnwb-exercise scorm` builds. When the page finds the LMS's API object (SCORM 1.2 run-time
// environment, 3.3.6.1: `API`, in a parent frame or the opener's frames), it
//   - starts the session (LMSInitialize), and takes the variant from the learner's id in the LMS
//     (cmi.core.student_id), in place of the box;
//   - after each Check, reports the score (cmi.core.score.raw, 0 to 100, with score.min 0 and
//     score.max 100) and the status (cmi.core.lesson_status: "passed" or "failed" against the LMS's
//     cmi.student_data.mastery_score when it gives one, else "completed"), and commits (LMSCommit);
//   - ends the session when the page is left (LMSFinish).
// Without an LMS (the site opened on its own) it does nothing: window.nnwbLms stays undefined.
'use strict';

(function () {
  // SCORM 1.2's search: up the parents from this window (at most 7 levels, as the specification's
  // sample does), then from the opener's.
  function findApi(start) {
    let win = start;
    for (let depth = 0; win && depth <= 7; ++depth) {
      try {
        if (win.API) return win.API;
      } catch (e) {
        return null;  // a parent of another origin: not an LMS frame we may use
      }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  const api = findApi(window) || (window.opener ? findApi(window.opener) : null);
  if (!api) return;
  if (String(api.LMSInitialize('')) !== 'true') {
    window.nnwbLms = { problem: `the LMS refused to start the session (error ${api.LMSGetLastError()})` };
    return;
  }
  let finished = false;
  const finish = () => {
    if (!finished) api.LMSFinish('');
    finished = true;
  };
  window.addEventListener('pagehide', finish);
  window.addEventListener('beforeunload', finish);

  const mastery = Number.parseFloat(api.LMSGetValue('cmi.student_data.mastery_score'));
  window.nnwbLms = {
    student: String(api.LMSGetValue('cmi.core.student_id') || ''),
    // `grade`: the grade JSON of the page's Check (nnwb-exercise grade --format json).
    report(grade) {
      const percent = grade.max_score > 0 ? Math.round((1000 * grade.score) / grade.max_score) / 10 : 0;
      api.LMSSetValue('cmi.core.score.min', '0');
      api.LMSSetValue('cmi.core.score.max', '100');
      api.LMSSetValue('cmi.core.score.raw', String(percent));
      api.LMSSetValue('cmi.core.lesson_status',
                      Number.isFinite(mastery) ? (percent >= mastery ? 'passed' : 'failed') : 'completed');
      api.LMSCommit('');
    },
  };
})();
