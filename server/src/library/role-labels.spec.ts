import { demoGroupLabels, humaniseGroupId, roleLabeller } from './role-labels';

describe('role labels', () => {
  it('names a group after the one demo person whose first group it is', () => {
    const labels = demoGroupLabels('tai-calon');
    expect(labels.get('tc_cho')).toBe('Community Housing Officer');
    expect(labels.get('tc_housing_manager')).toBe('Housing Manager');
    // tc.cho's other groups are not theirs alone to name.
    expect(labels.has('tc_receiving_staff')).toBe(false);
  });

  it('falls back to the shortest lane name without its bracketed note, then to the readable id', () => {
    const label = roleLabeller('tai-calon', [
      { id: 'lane_tc_receiving_staff', name: 'Staff member receiving the disclosure (any team)' },
      { id: 'lane_tc_receiving_staff', name: 'Staff member receiving the disclosure, in person or by phone' },
      { id: 'lane_tc_cho', name: "Community Housing Officer (victim's patch)" },
    ]);
    expect(label('tc_receiving_staff')).toBe('Staff member receiving the disclosure');
    expect(label('tc_cho')).toBe('Community Housing Officer');
    expect(label('tc_housing_options_team')).toBe('Housing options team');
  });

  it('drops only the organisation prefix when it makes an id readable', () => {
    expect(humaniseGroupId('tc_housing_manager', ['tc'])).toBe('Housing manager');
    expect(humaniseGroupId('marac_coordinator', ['dais'])).toBe('Marac coordinator');
    expect(humaniseGroupId('tc', ['tc'])).toBe('Tc');
  });
});
