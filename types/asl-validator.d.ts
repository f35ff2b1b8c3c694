/** asl-validator 4 ships no type declarations: the part the deploy tests use. */
declare module 'asl-validator' {
  interface AslValidation {
    isValid: boolean;
    errors: unknown[];
    errorsText(separator?: string): string;
  }
  function validator(definition: unknown, opts?: { checkPaths?: boolean; checkArn?: boolean }): AslValidation;
  export = validator;
}
