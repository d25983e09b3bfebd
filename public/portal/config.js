/*
 * Deployment settings of the reference portal, read by portal.js (loaded before it). Replace this file where the
 * portal is deployed, for example:
 *   window.GONGKAI_PORTAL = { token: 'gks_…', apiBase: 'https://gongkai.example.gov.cn' };
 * As shipped it sets nothing: the portal takes the token from the address (#token=…) and reads the consumer API of
 * the server it is served from.
 * When the server asks for a 验证码 on the 依申请公开 form (its applications.captchaModule), the captcha provider's
 * widget plugs in here: captcha: { mount(container) { … }, token() { return '…'; } }; without it the form shows a
 * text field for the answer.
 */
window.GONGKAI_PORTAL = window.GONGKAI_PORTAL || {};
