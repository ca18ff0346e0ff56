package dev.caas.harness.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlopeFitTest {

  private record Point(double x, double y) {}

  private static SlopeFit fit(Point... points) {
    return SlopeFit.of(List.of(points), Point::x, Point::y);
  }

  @Test
  void points_on_a_line_give_its_slope_and_intercept_and_an_r_square_of_one() {
    // 12 KiB per waiting request on top of 80 MiB.
    var line =
        fit(
            new Point(500, 86_114_304),
            new Point(2_000, 104_546_304),
            new Point(9_000, 190_562_304));

    assertThat(line.slope()).isCloseTo(12_288, within(1e-6));
    assertThat(line.intercept()).isCloseTo(79_970_304, within(1e-3));
    assertThat(line.rSquare()).isCloseTo(1.0, within(1e-12));
    assertThat(line.at(1_000)).isCloseTo(92_258_304, within(1e-3));
    assertThat(line.isReliable()).isTrue();
  }

  @Test
  void scattered_points_give_the_r_square_worked_out_by_hand() {
    // Mean (2, 2); Sxy = 1, Sxx = 2, Syy = 2: slope 1/2, R² = Sxy² / (Sxx·Syy) = 1/4.
    var scattered = fit(new Point(1, 1), new Point(2, 3), new Point(3, 2));

    assertThat(scattered.slope()).isCloseTo(0.5, within(1e-12));
    assertThat(scattered.intercept()).isCloseTo(1.0, within(1e-12));
    assertThat(scattered.rSquare()).isCloseTo(0.25, within(1e-12));
    assertThat(scattered.isReliable()).isFalse();
  }

  @Test
  void two_points_make_a_line_but_not_a_measurement_and_one_point_no_line() {
    assertThat(fit(new Point(1, 1), new Point(2, 2)).isReliable()).isFalse();
    assertThatThrownBy(() -> fit(new Point(1, 1))).isInstanceOf(IllegalArgumentException.class);
  }
}
