import type { Catalogue } from '../../../i18n/src/index.js';

/**
 * The rule catalogue's titles, legal sources and severities in Russian, keyed by their
 * English (libs/i18n). Read by the audit PDF and by the dashboard (which loads this file
 * by path). A rule whose title or source has no entry is shown in English; the audit
 * PDF's test lists those.
 */
export const RULES_RU: Catalogue = {
  // Titles.
  'Accreditation valid for the whole financial year': 'Аккредитация действует весь финансовый год',
  'Annual declarations of board members, with the money paid to them as rights holders': 'Ежегодные декларации членов правления и выплаты им как правообладателям',
  "Board members' organisations licensing from the society": 'Организации членов правления — лицензиаты общества',
  "Board members' lines: management-fee rate and share of payments against everyone else's": 'Строки членов правления: ставка вознаграждения за управление и доля выплат в сравнении с остальными',
  'Board seats in proportion to market share (entitled against actual)': 'Места в правлении пропорционально доле рынка (положенные и фактические)',
  "Rights holders' mandate requests answered in time": 'Ответы на заявки правообладателей о передаче прав даны в срок',
  "Non-contractual management within the accreditation's categories": 'Управление без договора — в пределах категорий аккредитации',
  'Lines declared contractual without a mandate': 'Строки, заявленные как договорные, без договора',
  'Lines for rights entrusted exclusively to another society': 'Строки по правам, исключительно переданным другому обществу',
  'Share of income under non-contractual management': 'Доля дохода при управлении без договора',
  'No activity on mandates after their termination': 'Нет операций по договорам после их прекращения',
  'Transparency report data complete within 8 months': 'Данные отчёта о прозрачности полны в течение 8 месяцев',
  "Rights holders' claims to unidentified money answered in time": 'Ответы на требования правообладателей о невыясненных суммах даны в срок',
  'Collected money is all accounted for (conservation)': 'Все собранные средства учтены (баланс)',
  'Management costs against collected income, with the peer median': 'Расходы на управление к собранному доходу в сравнении с медианой других обществ',
  'Social, cultural and educational deductions within their limit': 'Отчисления на социальные, культурные и образовательные цели в пределах лимита',
  'Distribution within 9 months of the financial year end': 'Распределение в течение 9 месяцев после конца финансового года',
  'Share paid to foreign rights holders and societies, without discrimination': 'Доля выплат иностранным правообладателям и обществам без дискриминации',
  "Transfers between societies match the other society's record": 'Переводы между обществами совпадают с записями другого общества',
  'Amounts due to other societies paid within 9 months': 'Суммы, причитающиеся другим обществам, выплачены в течение 9 месяцев',
  'Money received from other societies paid on within 6 months': 'Средства, полученные от других обществ, выплачены дальше в течение 6 месяцев',
  'Attributed but unpaid amounts after the distribution deadline': 'Начисленные, но не выплаченные суммы после срока распределения',
  'Undistributed amounts over 3 years and their use': 'Нераспределённые суммы старше 3 лет и их использование',
  "Money platforms reported for registered works paid out within 9 months of the year's end": 'Средства, о которых сообщили платформы по зарегистрированным произведениям, выплачены в течение 9 месяцев после конца года',
  "Holders paid the share of a work's money the works register gives them": 'Правообладателям выплачена доля средств по произведению, указанная в реестре произведений',
  'No money distributed for works missing from the works register': 'Нет распределений по произведениям, отсутствующим в реестре произведений',
  "No witness refused the society's log as inconsistent (split view)": 'Ни один свидетель не отверг журнал общества как противоречивый (раздвоение журнала)',

  // Legal sources.
  'Civil Code of the Russian Federation Part IV Art. 1244; Directive 2014/26/EU Art. 36 (supervision)': 'Гражданский кодекс РФ, часть четвёртая, ст. 1244; Директива 2014/26/ЕС, ст. 36 (надзор)',
  'Directive 2014/26/EU Art. 10(2) (individual annual statement; Art. 9(3) for the supervisory function)': 'Директива 2014/26/ЕС, ст. 10(2) (ежегодная индивидуальная декларация; ст. 9(3) — для надзорного органа)',
  'Directive 2014/26/EU Art. 10(2) (identify, manage and disclose conflicts of interest); Art. 16(2) (licences on objective, non-discriminatory terms)':
    'Директива 2014/26/ЕС, ст. 10(2) (выявлять, урегулировать и раскрывать конфликты интересов); ст. 16(2) (лицензии на объективных, недискриминационных условиях)',
  'Directive 2014/26/EU Art. 12(2) (deductions reasonable, on objective criteria) and 13(1) (distribution per the general policy); Art. 10(2) (conflicts of interest); the test and its thresholds are parameters the Directive does not set':
    'Директива 2014/26/ЕС, ст. 12(2) (удержания разумны и основаны на объективных критериях) и 13(1) (распределение по общей политике); ст. 10(2) (конфликты интересов); проверка и её пороги — параметры, которых Директива не устанавливает',
  'Directive 2014/26/EU Art. 9(2); RULES.md "Governance": representation in proportion to market share': 'Директива 2014/26/ЕС, ст. 9(2); RULES.md «Governance»: представительство пропорционально доле рынка',
  "Directive 2014/26/EU Art. 5(2), 6(2) (the time to answer is the society's policy: the Directive sets none)": 'Директива 2014/26/ЕС, ст. 5(2), 6(2) (срок ответа — политика общества: Директива его не устанавливает)',
  'Civil Code of the Russian Federation Part IV Art. 1244(1), (3)': 'Гражданский кодекс РФ, часть четвёртая, ст. 1244 п. 1, 3',
  "Directive 2014/26/EU Art. 5(2) and 5(7) (a mandate is the holder's choice, consent recorded per category)": 'Директива 2014/26/ЕС, ст. 5(2) и 5(7) (договор — выбор правообладателя, согласие фиксируется по каждой категории)',
  'Directive 2014/26/EU Art. 5(2) (the holder chooses the society for each right and territory)': 'Директива 2014/26/ЕС, ст. 5(2) (правообладатель выбирает общество для каждого права и территории)',
  'Directive 2014/26/EU Art. 5(2); Civil Code of the Russian Federation Part IV Art. 1244(3)': 'Директива 2014/26/ЕС, ст. 5(2); Гражданский кодекс РФ, часть четвёртая, ст. 1244 п. 3',
  'Directive 2014/26/EU Art. 5(4)-(5)': 'Директива 2014/26/ЕС, ст. 5(4)-(5)',
  'Directive 2014/26/EU Art. 22(1) and Annex': 'Директива 2014/26/ЕС, ст. 22(1) и приложение',
  'Directive 2014/26/EU Art. 33(1)-(2), Art. 13(3) (the time to answer is a policy parameter: the Directive sets none)': 'Директива 2014/26/ЕС, ст. 33(1)-(2), ст. 13(3) (срок ответа — параметр политики: Директива его не устанавливает)',
  'Directive 2014/26/EU Art. 11(2)-(4)': 'Директива 2014/26/ЕС, ст. 11(2)-(4)',
  'Directive 2014/26/EU Art. 12(1)-(2); Annex 2(b)': 'Директива 2014/26/ЕС, ст. 12(1)-(2); приложение, п. 2(b)',
  'Directive 2014/26/EU Art. 12(4), Art. 8(5)(d); Annex 3': 'Директива 2014/26/ЕС, ст. 12(4), ст. 8(5)(d); приложение, п. 3',
  'Directive 2014/26/EU Art. 13(1)': 'Директива 2014/26/ЕС, ст. 13(1)',
  'Directive 2014/26/EU Art. 13(1) (the tolerance is a policy parameter: the Directive sets none)': 'Директива 2014/26/ЕС, ст. 13(1) (допуск — параметр политики: Директива его не устанавливает)',
  'Directive 2014/26/EU Art. 13(1), Art. 24(2)(a)': 'Директива 2014/26/ЕС, ст. 13(1), ст. 24(2)(a)',
  'Directive 2014/26/EU Art. 13(1), Art. 18(1)(g)': 'Директива 2014/26/ЕС, ст. 13(1), ст. 18(1)(g)',
  'Directive 2014/26/EU Art. 13(4)-(6)': 'Директива 2014/26/ЕС, ст. 13(4)-(6)',
  'Directive 2014/26/EU Art. 14, Art. 19; Annex 2(d)': 'Директива 2014/26/ЕС, ст. 14, ст. 19; приложение, п. 2(d)',
  'Directive 2014/26/EU Art. 15(3)': 'Директива 2014/26/ЕС, ст. 15(3)',
  'Directive 2014/26/EU Art. 15, 19': 'Директива 2014/26/ЕС, ст. 15, 19',
  'Directive 2014/26/EU Art. 22(1) (one report, made public) and Art. 36(1) (monitoring by the competent authorities)': 'Директива 2014/26/ЕС, ст. 22(1) (один отчёт, опубликованный) и ст. 36(1) (надзор компетентных органов)',

  // Severities and verdicts.
  high: 'высокая',
  medium: 'средняя',
  low: 'низкая',
  pass: 'выполнено',
  fail: 'нарушено',
};
