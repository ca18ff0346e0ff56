package dev.caas.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BillingCheckTest {

  @Test
  void every_served_photo_billed_once_balances() {
    var samples = List.of(served(0, "a.jpg"), served(1, "b.jpg"), served(2, "a.jpg"));

    BillingCheck check = BillingCheck.of(Map.of("a.jpg", 2L, "b.jpg", 1L), samples);

    assertThat(check.balanced()).isTrue();
    assertThat(check.billed()).isEqualTo(3);
    assertThat(check.served()).isEqualTo(3);
  }

  @Test
  void a_failed_request_that_was_billed_is_a_mismatch() {
    var samples = List.of(served(0, "a.jpg"), new Sample(1, 0, 0, 1, 503, 0, null, null, null));

    BillingCheck check = BillingCheck.of(Map.of("a.jpg", 2L), samples);

    assertThat(check.balanced()).isFalse();
    assertThat(check.mismatches()).containsEntry("a.jpg", new BillingCheck.Mismatch(2, 1));
  }

  @Test
  void equal_totals_over_the_wrong_files_are_still_a_mismatch() {
    BillingCheck check = BillingCheck.of(Map.of("b.jpg", 1L), List.of(served(0, "a.jpg")));

    assertThat(check.billed()).isEqualTo(check.served());
    assertThat(check.mismatches()).containsOnlyKeys("a.jpg", "b.jpg");
  }

  private static Sample served(int index, String filename) {
    return new Sample(index, 0, 0, 1_000_000, 200, 100, filename, null, null);
  }
}
