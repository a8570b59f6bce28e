import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { LANGS, type Lang, pickLang } from '../../../../libs/i18n/src/index.js';

const LANG_DESCRIPTION = 'Language of the PDF (English or Russian); without it, the Accept-Language header chooses, else English. JSON and CSV are the same in every language.';

/** The `lang` query parameter of the routes that render PDFs (a typo is a 400 naming it). */
export class LangQueryDto {
  @ApiPropertyOptional({ enum: LANGS, description: LANG_DESCRIPTION })
  @IsOptional() @IsIn(LANGS, { message: `must be one of: ${LANGS.join(', ')}` })
  lang?: Lang;
}

/** The property of LangQueryDto for a query DTO that already extends another class. */
export function LangQueryProperty(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ enum: LANGS, description: LANG_DESCRIPTION })(target, key);
    IsOptional()(target, key);
    IsIn(LANGS, { message: `must be one of: ${LANGS.join(', ')}` })(target, key);
  };
}

/**
 * The language of a rendered document: `lang` (validated by the DTO) or the
 * Accept-Language header. Says which in Content-Language, and that the answer varies
 * with the header.
 */
export function documentLang(lang: Lang | undefined, acceptLanguage: string | undefined, reply: FastifyReply): Lang {
  const chosen = pickLang(lang, acceptLanguage);
  void reply.header('Content-Language', chosen).header('Vary', 'Accept-Language');
  return chosen;
}
