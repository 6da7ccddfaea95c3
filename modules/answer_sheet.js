// The open quiz's answer sheet (modules/answer_sheet.py): every question as a group of native radio
// buttons or check boxes, drawn from the questions fetched from the server, as text (never as
// markup). The choices are one state value, {question id: [option indexes]}, which the sheet's form
// sends with its submit (a choice reruns nothing); each choice is also POSTed as it is made, and
// tried again until the server has it.
export default function ({ data, parentElement, setStateValue }) {
  let sheet = parentElement.querySelector(".kelas-sheet");
  // Streamlit calls this again when the page redraws; the sheet of the same attempt stays as it
  // is, so the learner's choices and keyboard focus stay where they are.
  if (!sheet || sheet.dataset.src !== data.src) {
    if (sheet) sheet.remove();
    sheet = document.createElement("div");
    sheet.className = "kelas-sheet";
    sheet.dataset.src = data.src;
    sheet.dataset.attempt = String(data.attempt);
    parentElement.appendChild(sheet);
    sheet.saver = new Saver(sheet, data);
    load(sheet, data, 1000);
  }
  sheet.onchange = (event) => {
    const choices = readChoices(sheet);
    setStateValue("choices", choices);
    const group = event.target.closest(".kelas-question");
    if (group) sheet.saver.send(group.dataset.question, choices[group.dataset.question]);
  };
}

// The attempt's questions, fetched once (the browser may keep them); without a connection the sheet
// says so and tries again after 1, 2, 4 … 30 seconds.
async function load(sheet, data, delay) {
  let questions = null;
  try {
    const answer = await fetch(data.src, { credentials: "same-origin" });
    if (answer.ok) questions = await answer.json();
  } catch (error) {
    questions = null;
  }
  if (!sheet.isConnected) return;
  if (!questions) {
    sheet.saver.note.textContent = data.loading;
    setTimeout(() => load(sheet, data, Math.min(delay * 2, 30000)), delay);
    return;
  }
  sheet.saver.note.textContent = "";
  sheet.prepend(...drawQuestions(questions, data.chosen || {}));
}

// Each question's latest choice, POSTed until the server has it: a busy server (503), a process that
// died on the way (502) or a lost connection is tried again after 1, 2, 4 … 30 seconds, and the
// sheet says so meanwhile. A choice the server refused as not real (400, 403) is not sent again;
// the submit still carries it.
class Saver {
  constructor(sheet, data) {
    this.url = data.save;
    this.attempt = data.attempt;
    this.pending = new Map();
    this.delay = 1000;
    this.timer = null;
    this.note = document.createElement("p");
    this.note.className = "kelas-save-note";
    this.note.setAttribute("role", "status");
    this.unsaved = data.unsaved;
    sheet.append(this.note);
  }

  send(question, indexes) {
    this.pending.set(question, indexes.join(","));
    if (!this.running && !this.timer) this.flush();
  }

  // One POST at a time, so the server gets a question's choices in the order they were made.
  async flush() {
    this.timer = null;
    this.running = true;
    while (this.pending.size) {
      const [question, chosen] = this.pending.entries().next().value;
      let status = 0;
      try {
        const body = new URLSearchParams({ percobaan: String(this.attempt), soal: question, pilihan: chosen });
        status = (await fetch(this.url, { method: "POST", body, credentials: "same-origin" })).status;
      } catch (error) {
        status = 0; // no connection
      }
      if (status === 0 || status >= 500) { // busy, or its process died on the way (the proxy's 502)
        this.note.textContent = this.unsaved;
        this.timer = setTimeout(() => this.flush(), this.delay);
        this.delay = Math.min(this.delay * 2, 30000);
        this.running = false;
        return;
      }
      if (this.pending.get(question) === chosen) this.pending.delete(question);
    }
    this.running = false;
    this.delay = 1000;
    this.note.textContent = "";
  }
}

function drawQuestions(data, chosen) {
  return data.questions.map((question, position) => {
    const name = `kelas-${data.attempt}-${position}`;
    const group = document.createElement("fieldset");
    group.className = "kelas-question";
    group.dataset.question = question.id;
    const legend = document.createElement("legend");
    legend.id = `${name}-label`;
    legend.textContent = question.label;
    group.appendChild(legend);
    if (question.multiple) {
      const hint = document.createElement("p");
      hint.className = "kelas-hint";
      hint.id = `${name}-hint`;
      hint.textContent = question.hint;
      group.appendChild(hint);
      group.setAttribute("aria-describedby", hint.id);
    } else {
      group.setAttribute("role", "radiogroup");
      group.setAttribute("aria-labelledby", legend.id);
    }
    for (const [index, text] of question.options) {
      const label = document.createElement("label");
      label.className = "kelas-option";
      const input = document.createElement("input");
      input.type = question.multiple ? "checkbox" : "radio";
      input.name = name;
      input.value = String(index);
      input.checked = (chosen[question.id] || []).includes(index);
      const words = document.createElement("span");
      words.textContent = text;
      label.append(input, words);
      group.appendChild(label);
    }
    return group;
  });
}

function readChoices(sheet) {
  const choices = {};
  for (const group of sheet.querySelectorAll(".kelas-question")) {
    choices[group.dataset.question] = Array.from(group.querySelectorAll("input:checked"), (input) => Number(input.value));
  }
  return choices;
}
