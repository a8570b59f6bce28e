import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { NotificationsService } from '../../../../libs/notifications/src/index.js';
import { PageQueryDto } from '../common/pagination.dto.js';
import { uuidParam } from '../common/uuid-param.js';
import {
  CreateEmailSubscriptionDto,
  CreateWebhookDto,
  DeliveriesQueryDto,
  DeliveryDto,
  DeliveryPageDto,
  EmailSubscriptionDto,
  EmailSubscriptionPageDto,
  InboxPageDto,
  InboxQueryDto,
  NotificationDto,
  ReadAllDto,
  WebhookDeliveriesQueryDto,
  WebhookDto,
  WebhookPageDto,
} from './dto/notification.dto.js';

const EVERYONE = ['admin', 'regulator', 'society', 'rights-holder'] as const;

/** The caller's own notifications: its inbox, e-mail subscriptions and deliveries (every role has its own). */
@ApiTags('notifications')
@Controller('v1/me')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: "The caller's inbox, newest first (regulators share one inbox, as do admins)" })
  @ApiOkResponse({ type: InboxPageDto })
  inbox(@CurrentPrincipal() p: Principal, @Query() q: InboxQueryDto): Promise<InboxPageDto> {
    return this.notifications.inbox(p, q);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @Roles(...EVERYONE)
  @ApiOperation({ summary: "Marks every notification of the caller's inbox read" })
  @ApiOkResponse({ type: ReadAllDto })
  readAll(@CurrentPrincipal() p: Principal): Promise<ReadAllDto> {
    return this.notifications.markAllRead(p);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'Marks one notification read (another principal\'s is not found)' })
  @ApiOkResponse({ type: NotificationDto })
  read(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<NotificationDto> {
    return this.notifications.markRead(p, id);
  }

  @Post('email-subscriptions')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'E-mails the chosen events to an address (sent when SMTP_URL is set)' })
  @ApiCreatedResponse({ type: EmailSubscriptionDto })
  subscribe(@CurrentPrincipal() p: Principal, @Body() dto: CreateEmailSubscriptionDto): Promise<EmailSubscriptionDto> {
    return this.notifications.createEmailSubscription(p, dto);
  }

  @Get('email-subscriptions')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: "The caller's e-mail subscriptions" })
  @ApiOkResponse({ type: EmailSubscriptionPageDto })
  subscriptions(@CurrentPrincipal() p: Principal, @Query() q: PageQueryDto): Promise<EmailSubscriptionPageDto> {
    return this.notifications.emailSubscriptions(p, q.limit, q.cursor);
  }

  @Delete('email-subscriptions/:id')
  @HttpCode(204)
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'Stops an e-mail subscription (its pending e-mails are cancelled)' })
  @ApiNoContentResponse()
  async unsubscribe(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.notifications.deleteEmailSubscription(p, id);
  }

  @Get('notification-deliveries')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: "The caller's deliveries to its webhooks and addresses; status=dead is the dead-letter list" })
  @ApiOkResponse({ type: DeliveryPageDto })
  deliveries(@CurrentPrincipal() p: Principal, @Query() q: DeliveriesQueryDto): Promise<DeliveryPageDto> {
    return this.notifications.deliveriesOf(p, q);
  }

  @Post('notification-deliveries/:id/retry')
  @HttpCode(200)
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'Sends a dead delivery again, its attempts starting over (409 unless it is dead)' })
  @ApiOkResponse({ type: DeliveryDto })
  retry(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<DeliveryDto> {
    return this.notifications.redeliver(p, id);
  }
}

/** Webhooks: signed deliveries of the caller's notifications to a URL of its choice. */
@ApiTags('notifications')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly notifications: NotificationsService) {}

  @Post()
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'Registers a webhook: each delivery is a JSON body {id, event, at, data} signed X-Ledger-Signature: sha256=<hex HMAC-SHA256>, retried with backoff' })
  @ApiCreatedResponse({ type: WebhookDto })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateWebhookDto): Promise<WebhookDto> {
    return this.notifications.createWebhook(p, dto);
  }

  @Get()
  @Roles(...EVERYONE)
  @ApiOperation({ summary: "The caller's webhooks (never their secrets)" })
  @ApiOkResponse({ type: WebhookPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: PageQueryDto): Promise<WebhookPageDto> {
    return this.notifications.webhooks(p, q.limit, q.cursor);
  }

  @Get(':id')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'One of the caller\'s webhooks' })
  @ApiOkResponse({ type: WebhookDto })
  get(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<WebhookDto> {
    return this.notifications.webhook(p, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'Removes a webhook (its pending deliveries are cancelled)' })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.notifications.deleteWebhook(p, id);
  }

  @Get(':id/deliveries')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: "A webhook's deliveries; status=dead is its dead-letter list" })
  @ApiOkResponse({ type: DeliveryPageDto })
  deliveries(@CurrentPrincipal() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: WebhookDeliveriesQueryDto): Promise<DeliveryPageDto> {
    return this.notifications.deliveriesOf(p, { ...q, webhookId: id });
  }
}
