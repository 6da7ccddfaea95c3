// The open quiz's answer sheet (modules/answer_sheet.py): every question as a group of native radio
// buttons or check boxes, drawn from the data the server sends as text (never as markup), and sent
// back as one state value, {question id: [option indexes]}, each time a choice changes.
export default function ({ data, parentElement, setStateValue }) {
  const questions = JSON.parse(data.sheet);
  let sheet = parentElement.querySelector(".kelas-sheet");
  // Streamlit calls this again when the page redraws; the sheet of the same attempt stays as it
  // is, so the learner's choices and keyboard focus stay where they are.
  if (!sheet || sheet.dataset.attempt !== String(questions.attempt)) {
    if (sheet) sheet.remove();
    sheet = drawSheet(questions, data.chosen || {});
    parentElement.appendChild(sheet);
  }
  sheet.onchange = () => setStateValue("choices", readChoices(sheet));
}

function drawSheet(data, chosen) {
  const sheet = document.createElement("div");
  sheet.className = "kelas-sheet";
  sheet.dataset.attempt = String(data.attempt);
  data.questions.forEach((question, position) => {
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
    sheet.appendChild(group);
  });
  return sheet;
}

function readChoices(sheet) {
  const choices = {};
  for (const group of sheet.querySelectorAll(".kelas-question")) {
    choices[group.dataset.question] = Array.from(group.querySelectorAll("input:checked"), (input) => Number(input.value));
  }
  return choices;
}
