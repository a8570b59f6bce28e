import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';

export const JOB_HANDLER_KEY = 'ledger:job-handler';

/** Marks a provider as the one handler of a job name (a class with `run(payload, context)`). */
export function JobHandler(name: string): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(JOB_HANDLER_KEY, name));
}
