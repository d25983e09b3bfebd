import sensitiveTerm from './sensitive-term';

export default {
  'sensitive-term': sensitiveTerm,
};
