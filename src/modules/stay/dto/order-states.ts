/** The order's state machine, as a Markdown table, for the OpenAPI descriptions of the order operations. */
export const ORDER_STATE_TABLE = [
  '| from | action | to | money |',
  '|---|---|---|---|',
  '| — | `POST /v1/orders` (guest) | `pending_payment` | — |',
  '| `pending_payment` | `POST /v1/orders/{id}/pay` (guest, before `payBefore`) | `paid` | guest → escrow (`payment`) |',
  '| `pending_payment` | `POST /v1/orders/{id}/cancel` (guest) | `cancelled` (`by_guest`) | — |',
  '| `pending_payment` | `payBefore` passes | `cancelled` (`payment_timeout`) | — |',
  '| `paid` | `POST /v1/orders/{id}/check-in` (host, with the code, from 00:00 UTC of `checkIn` until 00:00 UTC of `checkOut`) | `checked_in` | escrow → host `amount − fee` (`payout`), escrow → revenue `fee` (`fee`, none when 0) |',
  '| `paid` | `POST /v1/orders/{id}/refund` (guest, until `REFUND_CUTOFF_HOURS` before 00:00 UTC of `checkIn`) | `refunded` | escrow → the paying account (`refund`) |',
  '| `paid` | 00:00 UTC of `checkOut` passes, not checked in | `no_show` | as at check-in |',
  '',
  '`checked_in`, `refunded`, `no_show` and `cancelled` are final. `fee` = floor(`amount` × `PLATFORM_FEE_BPS` / 10000).',
  '`pending_payment`, `paid`, `checked_in` and `no_show` orders hold their nights; `cancelled` and `refunded` ones free them.',
].join('\n');
