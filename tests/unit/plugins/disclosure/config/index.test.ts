import config from '../../../../../src/plugins/disclosure/server/src/config';

describe('plugin config: workflow.distinctApprovers', () => {
  const withSetting = (distinctApprovers: unknown) => {
    const base = config.default();
    return { ...base, workflow: { ...base.workflow, distinctApprovers } } as any;
  };

  it('is on by default and accepts per-type overrides of governed types', () => {
    expect(config.default().workflow?.distinctApprovers).toEqual({ default: true });
    expect(() => config.validator(withSetting({ default: true, 'api::policy.policy': false }))).not.toThrow();
  });

  it('refuses a boot with a misspelt type or a non-boolean value', () => {
    expect(() => config.validator(withSetting({ 'api::polcy.polcy': false }))).toThrow(/distinctApprovers names api::polcy\.polcy/);
    expect(() => config.validator(withSetting({ default: 'yes' }))).toThrow(/distinctApprovers default must be true or false/);
    expect(() => config.validator(withSetting(false))).toThrow(/distinctApprovers must be an object/);
  });
});
