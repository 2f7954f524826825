import { getQueueToken } from '@nestjs/bull';
import { Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue, QueueOptions } from 'bull';
import type { Cluster } from 'ioredis';
import { AppConfig } from '../config/app-config';
import {
  bullPrefix,
  clusterNodes,
  createBullClusterClient,
  type BullClientType,
} from '../redis/redis-client';
import { ALL_QUEUES } from './queue-names';

/**
 * Bull's connection options. A single Redis: Bull's own clients from REDIS_URL (it closes them).
 * Redis Cluster: Cluster clients from createBullClusterClient under a hash-tagged prefix; Bull
 * does not close clients it did not create, so this provider does, after the queues closed.
 */
@Injectable()
export class BullClients implements OnApplicationShutdown {
  private readonly clients = new Set<Cluster>();

  constructor(
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  options(): Pick<QueueOptions, 'prefix' | 'createClient'> & { url?: string } {
    const env = this.config.env;
    if (!clusterNodes(env)) return { url: env.REDIS_URL, prefix: bullPrefix(env) };
    return {
      prefix: bullPrefix(env),
      createClient: (type: BullClientType) => {
        const client = createBullClusterClient(env, type);
        this.clients.add(client);
        return client;
      },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.clients.size === 0) return;
    // Queue.close is memoized: this waits for the close Nest started (active jobs finish first).
    await Promise.all(
      ALL_QUEUES.map((name) =>
        this.moduleRef
          .get<Queue>(getQueueToken(name), { strict: false })
          .close()
          .catch(() => undefined),
      ),
    );
    await Promise.all(
      [...this.clients].map((client) => client.quit().catch(() => client.disconnect())),
    );
  }
}

@Module({ providers: [BullClients], exports: [BullClients] })
export class BullClientsModule {}
