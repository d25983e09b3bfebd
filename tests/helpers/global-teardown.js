/** Drops the template database global-setup made. */
module.exports = async () => {
  await globalThis.__gongkaiTemplate?.drop();
};
