'use strict';
/**
 * The SSM Command document that runs the host probe on the nodes, generated from the probe script itself
 * (src/collectors/host/probe.sh): the script the CLI runs locally is, byte for byte, the script SSM runs on a node
 * (checked here at package time, and by test/deploy). One aws:runShellScript step, no parameters: nothing from a
 * caller can reach the shell.
 *
 * serverless.yml: `resources: - ${file(infra/ssm-document.js)}`.
 */
const fs = require('node:fs');
const path = require('node:path');

const PROBE = path.resolve(__dirname, '..', 'src', 'collectors', 'host', 'probe.sh');

/**
 * The document content, from ssmDocumentContent() (src/collectors/host/ssm.ts): one definition
 * of the step, so the step name the runner reads output by is the name deployed. Bundled on the fly with esbuild.
 */
function documentContent() {
  const { bundle } = require('../bin/run-ts.js');
  const { ssmDocumentContent } = require(bundle('src/collectors/host/ssm.ts'));
  const content = ssmDocumentContent();
  const script = content.mainSteps.map((s) => s.inputs.runCommand.join('\n')).join('\n');
  if (script !== readProbe()) throw new Error('the SSM document does not carry the host probe byte for byte');
  if (content.parameters !== undefined) throw new Error('the SSM document must take no parameters');
  return content;
}

function readProbe(file = PROBE) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `cannot build the SSM document: the host probe ${path.relative(process.cwd(), file)} is missing (${err.code ?? err})`,
    );
  }
}

/** The CloudFormation fragment: the document, named `<documentName>-<stage>`, updated in place as new versions. */
function resources(documentName) {
  return {
    Resources: {
      HostProbeDocument: {
        Type: 'AWS::SSM::Document',
        Properties: {
          Name: documentName,
          DocumentType: 'Command',
          DocumentFormat: 'JSON',
          UpdateMethod: 'NewVersion',
          Content: documentContent(),
        },
      },
    },
    Outputs: {
      HostProbeDocumentName: {
        Description: 'The SSM document the scans send to nodes',
        Value: { Ref: 'HostProbeDocument' },
      },
    },
  };
}

async function resolve(api) {
  const deployConfig = require('./deploy-config.js');
  const derived = await deployConfig(api);
  const stage = await api.resolveVariable('sls:stage');
  return resources(`${derived.documentName}-${stage}`);
}

module.exports = resolve;
module.exports.documentContent = documentContent;
module.exports.readProbe = readProbe;
module.exports.PROBE = PROBE;
