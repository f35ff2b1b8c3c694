import { machineLabel, namesMachine } from './machine';

const ID = 'i-0ABC123';
const identity = { instanceId: ID, managedInstanceId: 'mi-0DEF456', nodeName: 'ip-10-0-1-5.ec2.internal' };

describe('Function: machineLabel', () => {
  it('names the Node a machine backs after its target name', () => {
    expect(machineLabel(ID, identity)).toBe('i-0ABC123 (Node ip-10-0-1-5.ec2.internal)');
  });

  it.each([
    ['no identity', undefined],
    ['no Node', { instanceId: ID }],
    ['an empty Node name', { nodeName: '' }],
    ['a Node of the same name', { nodeName: ID }],
  ])('gives the target name alone with %s', (_name, id) => {
    expect(machineLabel(ID, id)).toBe(ID);
  });
});

describe('Function: namesMachine', () => {
  it.each([
    ['i-0abc123', 'the target name'],
    ['MI-0def456', 'the managed-instance ID'],
    ['IP-10-0-1-5.EC2.INTERNAL', 'the Node name'],
  ])('knows the machine by %s (%s), whatever the case', (query) => {
    expect(namesMachine(query, ID, identity)).toBe(true);
  });

  it('knows the machine by its instance ID when that is not the target name', () => {
    expect(namesMachine('i-0Other', 'mi-0DEF456', { instanceId: 'i-0other' })).toBe(true);
  });

  it('knows a machine without identity by its target name only', () => {
    expect(namesMachine('I-0ABC123', ID)).toBe(true);
    expect(namesMachine('ip-10-0-1-5.ec2.internal', ID)).toBe(false);
  });

  it('does not take a name the machine lacks for a match', () => {
    expect(namesMachine('i-0other', ID, { nodeName: 'ip-10-0-1-5.ec2.internal' })).toBe(false);
    expect(namesMachine('i-0other', ID, identity)).toBe(false);
  });
});
