import { SEVERITIES, severityRank } from './model';

describe('Function: severityRank', () => {
  it('ranks critical 4 down to info 0, higher is worse', () => {
    expect(SEVERITIES.map(severityRank)).toEqual([4, 3, 2, 1, 0]);
  });
});
