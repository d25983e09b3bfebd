import calendarDay from './calendar-day';
import sensitiveTerm from './sensitive-term';

export default {
  'calendar-day': calendarDay,
  'sensitive-term': sensitiveTerm,
};
