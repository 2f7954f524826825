import { IsDefined, IsString, Matches, MinLength } from 'class-validator';
import { BooleanVar, EnvClass, IntegerVar, REQUIRED_IN_PRODUCTION } from '../env.decorators';

/** MySQL/MariaDB connection and migrations. */
export function DatabaseEnv<B extends EnvClass>(Base: B) {
  class DatabaseEnv extends Base {
    @IsString()
    @MinLength(1)
    DB_HOST = '127.0.0.1';

    @IntegerVar(1, 65535)
    DB_PORT = 3306;

    @IsString()
    @MinLength(1)
    DB_USER = 'atrium';

    /** Required in production; `atrium` in development and test. An explicit empty value is allowed. */
    @IsDefined({ message: REQUIRED_IN_PRODUCTION })
    @IsString()
    DB_PASSWORD!: string;

    @IsString()
    @Matches(/^[A-Za-z0-9_]{1,64}$/, { message: 'must be 1-64 characters of A-Z, a-z, 0-9 and _' })
    DB_NAME = 'atrium';

    @IntegerVar(1, 500)
    DB_POOL_SIZE = 20;

    @BooleanVar()
    DB_MIGRATE_ON_START = false;

    /**
     * Read replicas, `host[:port]` separated by commas (same user, password and database as the
     * primary); empty: the primary only. Only reads declared lag-tolerant (`Sql.fromReplica()`)
     * go to them (docs/scaling.md, "Read replicas").
     */
    @IsString()
    @Matches(/^(?:[A-Za-z0-9._-]+(?::\d{1,5})?(?:\s*,\s*[A-Za-z0-9._-]+(?::\d{1,5})?)*)?$/, {
      message: 'must be host[:port] entries separated by commas',
    })
    DB_REPLICA_HOSTS = '';
  }
  return DatabaseEnv;
}
