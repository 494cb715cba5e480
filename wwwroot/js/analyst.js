// Enter submits a textarea marked data-submit-on-enter (Shift+Enter still starts a new line). Blazor cannot decide
// preventDefault per key on the server, so this small listener does it in the browser.
document.addEventListener("keydown", event => {
  const box = event.target;
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing
      && box instanceof HTMLTextAreaElement && box.dataset.submitOnEnter !== undefined && box.form) {
    event.preventDefault();
    box.form.requestSubmit();
  }
});
