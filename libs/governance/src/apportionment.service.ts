import { Injectable } from '@nestjs/common';
import { type ApportionmentInput, ApportionmentInputError, type ApportionmentResult, apportion } from '../../apportionment/src/index.js';
import { DomainError } from '../../errors/src/index.js';

/** The fields of `POST /v1/apportionment`. */
const FIELDS = ['method', 'seats', 'parties', 'threshold', 'minSeats', 'maxSeats'];
const PARTY_FIELDS = ['name', 'votes'];

/**
 * The stateless seat calculator of `POST /v1/apportionment`: the body goes to the
 * apportionment library as it is (so the API, the CLI and the board entitlement share
 * one definition of valid input), and the library's input error becomes a 400 naming
 * the field it names (`seats`, `parties[2].votes`, …). Unknown fields are refused, like
 * everywhere in the API.
 */
@Injectable()
export class ApportionmentService {
  calculate(body: unknown): ApportionmentResult {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw DomainError.validation('The request is invalid', [{ field: 'body', message: 'must be a JSON object {method, seats, parties, …}' }]);
    }
    const unknown = Object.keys(body).filter((k) => !FIELDS.includes(k));
    const parties = (body as { parties?: unknown }).parties;
    if (Array.isArray(parties)) {
      parties.forEach((p: unknown, i) => {
        if (typeof p === 'object' && p !== null) unknown.push(...Object.keys(p).filter((k) => !PARTY_FIELDS.includes(k)).map((k) => `parties[${i}].${k}`));
      });
    }
    if (unknown.length > 0) {
      throw DomainError.validation('The request is invalid', unknown.map((field) => ({ field, message: 'is not a known field' })));
    }
    try {
      return apportion(body as ApportionmentInput);
    } catch (e) {
      if (e instanceof ApportionmentInputError) {
        throw DomainError.validation('The apportionment input is invalid', [{ field: e.field, message: e.message }]);
      }
      throw e;
    }
  }
}
