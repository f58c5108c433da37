// Once the browser has registered a passkey (django-otp-webauthn's script
// signals it), go on to the next step of the sign-in.
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const doneUrl = event.target.dataset.doneUrl;
  if (doneUrl) {
    window.location.assign(doneUrl);
  }
});
